package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.libsql.LibsqlServers;
import dev.godwit.dialect.libsql.TestJwt;
import dev.godwit.dialect.libsql.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/libsql does what its README says, on a local file and on sqld with a token from the environment. */
class LibsqlExampleIT {
    static final Path EXAMPLE = ExamplesIT.EXAMPLES.resolve("libsql/migrations");
    static final String ADD_USER_TABLE = "20250101120000_add_user_table.sql";

    @TempDir
    Path tmp;

    @Test
    void theWorkflowRunsOnALocalFile() throws IOException {
        Path db = tmp.resolve("example.db");
        workflow(Map.of("GODWIT_URL", "libsql:file:" + db), sql -> SqliteDb.query(db, sql));
    }

    @Test
    void theWorkflowRunsOnSqldWithTheUrlAndTokenFromTheEnvironment() throws IOException {
        TestJwt keys = TestJwt.generate();
        try (TestServer server = LibsqlServers.start(LibsqlServers.Kind.SQLD, keys.publicKey())) {
            String token = keys.fullAccessToken();
            workflow(Map.of("GODWIT_URL", server.url(), "LIBSQL_AUTH_TOKEN", token), sql -> server.rows(token, sql));
        }
    }

    /** The README's walkthrough, then the finished example forward and back. */
    private void workflow(Map<String, String> database, Function<String, List<String>> query) throws IOException {
        Path dir = tmp.resolve("walkthrough");
        Map<String, String> env = new HashMap<>(database);
        env.put("GODWIT_DIR", dir.toString());

        Cli.Result created = Cli.run(env, "migrate:create", "add_user_table");
        assertThat(created.exit()).as(created.toString()).isZero();
        Path file = Path.of(created.out().strip());
        assertThat(file.getFileName().toString()).matches("\\d{14}_add_user_table\\.sql");
        Files.writeString(file, Files.readString(EXAMPLE.resolve(ADD_USER_TABLE)));

        assertThat(Cli.run(env, "migrate:status").out()).contains("applied: 0, pending: 1");
        Cli.Result up = Cli.run(env, "migrate:up", "--step=1");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(Cli.run(env, "migrate:status").out()).containsPattern("add user table\\s+applied");
        assertThat(query.apply("SELECT name FROM sqlite_master WHERE name IN ('users', 'users_name') ORDER BY name"))
                .containsExactly("users", "users_name");
        Cli.Result down = Cli.run(env, "migrate:down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(query.apply("SELECT name FROM sqlite_master WHERE name = 'users'")).isEmpty();

        env.put("GODWIT_DIR", EXAMPLE.toString());
        assertThat(Cli.run(env, "migrate:up").exit()).isZero();
        assertThat(Cli.run(env, "migrate:status").out()).contains("current version: 20250101120100, applied: 2");
        query.apply("INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada') RETURNING id");
        assertThat(query.apply("SELECT u.name, r.description FROM users u JOIN roles r ON r.name = u.role"))
                .containsExactly("Ada|can read; it's the default");
        assertThat(Cli.run(env, "validate").exit()).isZero();
        assertThat(Cli.run(env, "migrate:down", "--all").exit()).isZero();
        assertThat(query.apply("SELECT name FROM sqlite_master WHERE name IN ('users', 'roles')")).isEmpty();
    }
}
