package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import org.junit.jupiter.api.Test;

class LibsqlUrlTest {
    @Test
    void readsLibsqlSchemeAsHttps() {
        assertThat(LibsqlUrl.parse("libsql://db-org.turso.io").toString()).isEqualTo("https://db-org.turso.io");
        assertThat(LibsqlUrl.parse("libsql://db.example:8443/").toString()).isEqualTo("https://db.example:8443");
    }

    @Test
    void keepsHttpAndHttpsWithTheirPath() {
        assertThat(LibsqlUrl.parse("http://127.0.0.1:8080").resolve("/v2/pipeline").toString())
                .isEqualTo("http://127.0.0.1:8080/v2/pipeline");
        assertThat(LibsqlUrl.parse("https://proxy.example/db/").resolve("/v3/pipeline").toString())
                .isEqualTo("https://proxy.example/db/v3/pipeline");
    }

    @Test
    void refusesATokenInTheQueryStringWithoutEchoingIt() {
        assertThatThrownBy(() -> LibsqlUrl.parse("libsql://db.turso.io?authToken=sekrit-token"))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).doesNotContain("sekrit");
                    assertThat(e.hint()).contains("--auth-token");
                });
        assertThatThrownBy(() -> LibsqlUrl.parse("https://user:sekrit@db.turso.io"))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("sekrit"));
    }

    @Test
    void refusesOtherSchemesAndMissingHosts() {
        for (String bad : new String[] {"file:test.db", "ws://db", "libsql:///path", "", "db.turso.io"}) {
            assertThatThrownBy(() -> LibsqlUrl.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(GodwitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
        }
    }
}
