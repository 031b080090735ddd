package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code libsql:file:PATH} and {@code file:PATH} are local libSQL/SQLite files: the SQLite engine with all its
 * behaviour, and the bookkeeping tables libSQL and Turso keep in a file do not confuse it.
 */
class LocalLibsqlFileCliIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"libsql:file:", "file:"})
    void aLocalLibsqlFileMigratesWithTheSqliteEngineIgnoringBookkeepingTables(String scheme) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("1_create_users.sql"),
                "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n");
        Files.writeString(dir.resolve("2_create_posts.sql"),
                "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE posts;\n");
        Path db = tmp.resolve("local.db");
        SqliteDb.exec(db, "CREATE TABLE __turso_internal_x (k TEXT)");
        SqliteDb.exec(db, "CREATE TABLE libsql_x (k TEXT)");
        SqliteDb.exec(db, "INSERT INTO libsql_x VALUES ('kept')");
        Map<String, String> env = Map.of("GODWIT_URL", scheme + db, "GODWIT_DIR", dir.toString());

        Cli.Result up = Cli.run(env, "migrate:up", "--step=1");
        JsonNode status = new ObjectMapper().readTree(Cli.run(env, "--json", "migrate:status").out());

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(status.get("current").asText()).isEqualTo("1");
        assertThat(status.get("applied").asInt()).isEqualTo(1);
        assertThat(status.get("pending").asInt()).isEqualTo(1);
        assertThat(status.get("migrations")).hasSize(2);
        assertThat(Cli.run(env, "validate").exit()).isZero();
        assertThat(Cli.run(env, "migrate:up").exit()).isZero();
        assertThat(Cli.run(env, "migrate:down", "--all").exit()).isZero();
        assertThat(SqliteDb.query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .containsExactly("__turso_internal_x", "godwit_history", "godwit_lock", "godwit_schema", "godwit_uptodate",
                        "libsql_x");
        assertThat(SqliteDb.query(db, "SELECT k FROM libsql_x")).containsExactly("kept");
        // The SQLite engine's own behaviour: a database it creates starts in WAL mode (not so here: it existed).
        assertThat(SqliteDb.query(db, "PRAGMA journal_mode")).containsExactly("delete");
    }
}
