package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.dialect.libsql.LibsqlServers;
import dev.godwit.dialect.libsql.TestJwt;
import dev.godwit.dialect.libsql.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against sqld started with {@code --auth-jwt-key-file}: real Ed25519 JWTs, checked by the server. */
class SqldAuthCliIT {
    private final TestJwt keys = TestJwt.generate();
    @TempDir
    Path tmp;
    private Path dir;
    private TestServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = LibsqlServers.start(LibsqlServers.Kind.SQLD, keys.publicKey());
        dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("1_create_users.sql"),
                "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Cli.Result godwit(Map<String, String> env, String... args) {
        String[] all = LibsqlCliContract.concat(java.util.List.of("--url", server.url(), "--dir", dir.toString()),
                args);
        return Cli.run(env, all);
    }

    @Test
    void withoutATokenEveryCommandExitsTwoWithTheAuthHint() {
        for (String command : new String[] {"status", "up", "validate"}) {
            Cli.Result r = godwit(Map.of(), command);

            assertThat(r.exit()).as(command + ": " + r).isEqualTo(2);
            assertThat(r.err()).contains("authentication failed (HTTP 401, no auth token given)")
                    .contains("hint:").contains("LIBSQL_AUTH_TOKEN");
        }
    }

    @Test
    void aGoodTokenFromLibsqlAuthTokenMigratesUpAndDown() {
        String token = keys.fullAccessToken();
        Map<String, String> env = Map.of("LIBSQL_AUTH_TOKEN", token);

        Cli.Result up = godwit(env, "migrate:up");
        Cli.Result status = godwit(env, "migrate:status");
        Cli.Result down = godwit(env, "migrate:down");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(status.out()).containsPattern("1\\s+create users\\s+applied");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(server.rows(token, "SELECT count(*) FROM godwit_history")).containsExactly("0");
        for (Cli.Result r : new Cli.Result[] {up, status, down}) {
            assertThat(r.out() + r.err()).doesNotContain(token);
        }
    }

    @Test
    void theTokenOptionAndTheOtherVariablesWorkInTheDocumentedOrder() {
        String good = keys.fullAccessToken();
        String forged = TestJwt.generate().fullAccessToken();

        assertThat(godwit(Map.of("TURSO_AUTH_TOKEN", good), "status").exit()).isZero();
        assertThat(godwit(Map.of("GODWIT_AUTH_TOKEN", good, "TURSO_AUTH_TOKEN", forged), "status").exit()).isZero();
        assertThat(godwit(Map.of("GODWIT_AUTH_TOKEN", forged), "--auth-token", good, "status").exit()).isZero();
        assertThat(godwit(Map.of("GODWIT_AUTH_TOKEN", forged, "LIBSQL_AUTH_TOKEN", good), "status").exit())
                .isEqualTo(2);
    }

    @Test
    void aBadTokenFailsClearlyAndIsNeverPrintedNotEvenInJsonOutput() throws IOException {
        String forged = TestJwt.generate().fullAccessToken();
        String expired = keys.expiredToken();
        for (String token : new String[] {forged, expired}) {
            Cli.Result r = godwit(Map.of("LIBSQL_AUTH_TOKEN", token), "--json", "up");

            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("authentication failed");
            JsonNode error = new ObjectMapper().readTree(r.out()).get("error");
            assertThat(error.get("exit_code").asInt()).isEqualTo(2);
            assertThat(error.get("hint").asText()).contains("GODWIT_AUTH_TOKEN");
            assertThat(r.out()).doesNotContain(token);
            assertThat(r.err()).doesNotContain(token);
        }
    }

    @Test
    void theTokenIsNotInVerboseOutputEither() throws Exception {
        // Verbose logging is process-wide, so this runs the CLI in its own JVM.
        String good = keys.fullAccessToken();
        String forged = TestJwt.generate().fullAccessToken();
        String[] args = LibsqlCliContract.concat(java.util.List.of("--url", server.url(), "--dir", dir.toString()),
                "-v", "up");

        CliProcess.Result ok = CliProcess.runConcurrently(1, Map.of("LIBSQL_AUTH_TOKEN", good), args).get(0);
        CliProcess.Result refused = CliProcess.runConcurrently(1, Map.of("LIBSQL_AUTH_TOKEN", forged), args).get(0);

        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.err()).contains("DEBUG");
        assertThat(ok.out() + ok.err()).doesNotContain(good);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.out() + refused.err()).doesNotContain(forged);
    }

    @Test
    void aReadOnlyTokenCanReadStatusButIsRefusedOnAWriteAndChangesNothing() {
        String readOnly = keys.readOnlyToken();
        Map<String, String> env = Map.of("LIBSQL_AUTH_TOKEN", readOnly);

        Cli.Result status = godwit(env, "status");
        Cli.Result up = godwit(env, "--json", "up");

        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("pending: 1");
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("HTTP 403").contains("a read-only token cannot write");
        assertThat(up.out() + up.err()).doesNotContain(readOnly);
        assertThat(server.rows(keys.fullAccessToken(), "SELECT name FROM sqlite_master WHERE type = 'table'"))
                .doesNotContain("users", "godwit_history");
    }
}
