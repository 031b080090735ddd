package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** sqld started with {@code --auth-jwt-key-file}: Ed25519 JWTs minted here, checked by the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqldAuthIT {
    private final TestJwt keys = TestJwt.generate();
    private TestServer server;

    @BeforeAll
    void start() {
        server = LibsqlServers.start(LibsqlServers.Kind.SQLD, keys.publicKey());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesARequestWithoutAToken() {
        assertThatThrownBy(() -> server.client().query(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("authentication failed").contains("HTTP 401");
                    assertThat(e.hint()).contains("--auth-token", "GODWIT_AUTH_TOKEN", "LIBSQL_AUTH_TOKEN",
                            "TURSO_AUTH_TOKEN");
                });
    }

    @Test
    void refusesATokenSignedWithAnotherKeyWithoutEchoingIt() {
        String forged = TestJwt.generate().fullAccessToken();
        HranaClient client = server.client(forged);

        assertThatThrownBy(() -> client.execute(HranaStatement.of("CREATE TABLE forged (x)")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("authentication failed");
                    assertNoTokenIn(e, forged);
                });
        assertThat(client.toString()).doesNotContain(forged).contains("<redacted>");
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = keys.expiredToken();
        assertThatThrownBy(() -> server.client(expired).query(HranaStatement.of("SELECT 1")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertNoTokenIn(e, expired);
                });
    }

    @Test
    void acceptsAGoodTokenForReadsAndWrites() {
        HranaClient client = server.client(keys.fullAccessToken());

        TransactionalBatch.Outcome outcome = TransactionalBatch.of(List.of(
                HranaStatement.of("CREATE TABLE authorised (x INTEGER)"),
                HranaStatement.of("INSERT INTO authorised VALUES (?)", 1))).run(client);

        assertThat(outcome.committed()).as("%s", outcome).isTrue();
        assertThat(client.query(HranaStatement.of("SELECT count(*) FROM authorised")).singleValue()).isEqualTo(1L);
    }

    @Test
    void refusesAWriteWithAReadOnlyTokenButAllowsReads() {
        String readOnly = keys.readOnlyToken();
        HranaClient client = server.client(readOnly);

        assertThat(client.query(HranaStatement.of("SELECT 41 + 1")).singleValue()).isEqualTo(42L);
        assertThatThrownBy(() -> client.execute(HranaStatement.of("CREATE TABLE read_only_write (x)")))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("authentication failed", "HTTP 403", "read-only");
                    assertThat(e.hint()).contains("--auth-token");
                    assertNoTokenIn(e, readOnly);
                });
        // sqld refuses the whole request with 403, so a migration batch fails before any step runs.
        TransactionalBatch batch = TransactionalBatch.of(List.of(HranaStatement.of("CREATE TABLE read_only_batch (x)")));
        assertThatThrownBy(() -> batch.run(client))
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        HranaClient admin = server.client(keys.fullAccessToken());
        assertThat(admin.query(HranaStatement.of(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'read_only%'")).singleValue()).isEqualTo(0L);
    }

    private static void assertNoTokenIn(Throwable e, String token) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
            assertThat(t.toString()).doesNotContain(token);
        }
        if (e instanceof GodwitException g) {
            assertThat(g.hint()).doesNotContain(token);
        }
    }
}
