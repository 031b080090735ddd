package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void recognisesEverySqliteForm() {
        for (String u : new String[] {"sqlite:data/app.db", "jdbc:sqlite:data/app.db", "file:data/app.db",
                "libsql:file:data/app.db", "data/app.db"}) {
            DatabaseUrl url = DatabaseUrl.parse(u);
            assertThat(url.kind()).as(u).isEqualTo(DatabaseUrl.Kind.SQLITE);
            assertThat(url.location()).as(u).isEqualTo("data/app.db");
        }
        assertThat(DatabaseUrl.parse("x.sqlite3").kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
    }

    @Test
    void recognisesServers() {
        assertThat(DatabaseUrl.parse("postgres://u@h/db").kind()).isEqualTo(DatabaseUrl.Kind.POSTGRES);
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").kind()).isEqualTo(DatabaseUrl.Kind.POSTGRES);
        assertThat(DatabaseUrl.parse("libsql://db.example.io").kind()).isEqualTo(DatabaseUrl.Kind.LIBSQL_REMOTE);
        assertThat(DatabaseUrl.parse("http://127.0.0.1:8080").kind()).isEqualTo(DatabaseUrl.Kind.LIBSQL_REMOTE);
    }

    @Test
    void redactsPasswordsAndTokens() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:s3cret@db:5432/app?sslmode=require&password=x2");
        assertThat(url.redacted()).isEqualTo("postgres://alice:***@db:5432/app?sslmode=require&password=***");
        assertThat(url.toString()).doesNotContain("s3cret").doesNotContain("x2");
        assertThat(DatabaseUrl.redact("libsql://h?authToken=abc.def")).isEqualTo("libsql://h?authToken=***");
    }

    @Test
    void refusesWhatItCannotPlaceWithAHint() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:pw@h/db"))
                .isInstanceOf(GodwitException.class)
                .hasMessageContaining("mysql://u:***@h/db")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> DatabaseUrl.parse(null)).hasMessageContaining("no database URL");
    }
}
