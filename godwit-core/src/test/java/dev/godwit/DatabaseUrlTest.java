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

    @Test
    void refusesAnUnknownSchemeInsteadOfReadingItAsPartOfAFileName() {
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlite3:s3.db"))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e).hasMessageContaining("unknown scheme 'sqlite3:'");
                    assertThat(e.hint()).contains("did you mean sqlite:s3.db?");
                });
        assertThat(DatabaseUrl.parse("sqlite:sqlite3:s3.db").location()).isEqualTo("sqlite3:s3.db");
        assertThat(DatabaseUrl.parse("C:\\data\\app.db").kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
    }

    @Test
    void refusesSqliteParametersRatherThanIgnoreThem() {
        for (String u : new String[] {"sqlite:fq.db?mode=ro", "file:fq.db?cache=shared", "fq.db?journal_mode=wal",
                "jdbc:sqlite:fq.db?foreign_keys=off"}) {
            assertThatThrownBy(() -> DatabaseUrl.parse(u)).as(u)
                    .isInstanceOfSatisfying(GodwitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e).hasMessageContaining("SQLite URL parameters are not supported");
                    });
        }
    }
}
