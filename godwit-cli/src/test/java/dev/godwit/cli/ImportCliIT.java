package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godwit import} on SQLite files whose tracking table was created exactly as each tool creates it, with the
 * first migrations applied by {@code sqlite3}: the import records them (with the tool's times), the next {@code up}
 * applies only the rest, and the tool's table is left as it was. Refusals exit 1 and change nothing.
 */
class ImportCliIT {
    @TempDir
    Path tmp;
    Path dir;
    Path db;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        db = tmp.resolve("app.db");
    }

    private Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "sqlite:" + db, "--dir", dir.toString()));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Imports from {@code tool}, then checks that up applies exactly {@code rest} and the tool's table is intact. */
    private void importsThenUpAppliesOnly(String tool, String toolTable, List<String> extra, String rest,
                                          String originalTime) throws Exception {
        String before = sqlite3(".dump " + toolTable);
        List<String> args = new ArrayList<>(extra);
        args.addAll(List.of("import", "--from", tool));
        Cli.Result imported = godwit(args.toArray(String[]::new));
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported ").contains("'godwit up' applies 1 pending migration(s): " + rest);

        List<String> up = new ArrayList<>(extra);
        up.add("up");
        Cli.Result ran = godwit(up.toArray(String[]::new));
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("applied 1 migration(s)");
        assertThat(sqlite3(".dump " + toolTable)).isEqualTo(before);

        List<String> status = new ArrayList<>(extra);
        status.add("status");
        Cli.Result st = godwit(status.toArray(String[]::new));
        assertThat(st.exit()).as(st.toString()).isZero();
        assertThat(st.out()).contains("imported from " + tool).contains("pending: 0");
        if (originalTime != null) {
            assertThat(st.out()).contains(originalTime);
        }
    }

    @Test
    void flywayHistoryIsImportedWithItsTimesAndVerifiedChecksums() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\r\nINSERT INTO users VALUES (1);\r\n");
        write("V1_1__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
        write("V2__tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        sqlite3(FLYWAY_SQLITE + "CREATE TABLE users (id INTEGER PRIMARY KEY); INSERT INTO users VALUES (1);"
                + "CREATE TABLE posts (id INTEGER PRIMARY KEY);"
                + flywayRow(1, "1", "users", "V1__users.sql", "2024-03-01 10:00:00.123")
                + flywayRow(2, "1.1", "posts", "V1_1__posts.sql", "2024-03-02 11:00:00.000"));

        importsThenUpAppliesOnly("flyway", "flyway_schema_history", List.of(), "2", "2024-03-01T10:00:00.123Z");
        assertThat(sqlite3("SELECT note FROM godwit_history WHERE version = '1'")).contains("its checksum verified");
        assertThat(sqlite3("SELECT applied_by FROM godwit_history WHERE version = '1.1'")).isEqualTo("flyway_user");
    }

    @Test
    void flywayRepeatablesAreImportedByDescriptionAndOneChangedSinceIsAppliedAgain() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
        write("V2__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
        write("R__user_names.sql", "DROP VIEW IF EXISTS user_names;\nCREATE VIEW user_names AS SELECT name FROM users;\n");
        write("R__user_ids.sql", "DROP VIEW IF EXISTS user_ids;\nCREATE VIEW user_ids AS SELECT id FROM users;\n");
        String namesChecksum = "" + flywayChecksum(dir.resolve("R__user_names.sql"));
        sqlite3(FLYWAY_SQLITE + "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
                + "CREATE VIEW user_names AS SELECT name FROM users; CREATE VIEW user_ids AS SELECT 1 AS id;"
                + flywayRow(1, "1", "users", "V1__users.sql", "2024-03-01 10:00:00")
                + "INSERT INTO flyway_schema_history VALUES (2, NULL, 'user names', 'SQL', 'R__user_names.sql', "
                + namesChecksum + ", 'flyway_user', '2024-03-01 10:00:01', 3, 1);"
                + "INSERT INTO flyway_schema_history VALUES (3, NULL, 'user ids', 'SQL', 'R__user_ids.sql', "
                + "12345, 'flyway_user', '2024-03-01 10:00:02', 3, 1);");

        Cli.Result imported = godwit("import", "--from", "flyway");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("R__user_names  R__user_names.sql  applied 2024-03-01T10:00:01Z")
                .contains("'godwit up' applies 2 pending migration(s): 2, R__user_ids");
        assertThat(imported.err()).contains("R__user_ids.sql changed since Flyway applied it");
        assertThat(sqlite3("SELECT kind FROM godwit_history WHERE version = 'R__user_names'")).isEqualTo("repeatable");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("applied 2 migration(s)");
        assertThat(sqlite3("SELECT sql FROM sqlite_master WHERE name = 'user_ids'")).contains("SELECT id FROM users");
        assertThat(godwit("up").out()).contains("nothing to apply");
    }

    @Test
    void aFlywayFileChangedSinceItRanIsRefusedNamingTheChecksums() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        sqlite3(FLYWAY_SQLITE + "CREATE TABLE users (id INTEGER PRIMARY KEY);"
                + flywayRow(1, "1", "users", "V1__users.sql", "2024-03-01 10:00:00"));
        write("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");

        refusedChangingNothing(args("import", "--from", "flyway"), "V1__users.sql changed since flyway applied it");
    }

    @Test
    void aFailedFlywayRowIsRefused() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        sqlite3(FLYWAY_SQLITE + "INSERT INTO flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', "
                + "NULL, 'flyway_user', '2024-03-01 10:00:00', 5, 0);");

        refusedChangingNothing(args("import", "--from", "flyway"), "failed (success = false)");
    }

    @Test
    void golangMigratesVersionMeansEverythingUpToItAndADirtyVersionIsRefused() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write(i + "_t" + i + ".up.sql", "CREATE TABLE t" + i + " (id INTEGER);\n");
            write(i + "_t" + i + ".down.sql", "DROP TABLE t" + i + ";\n");
        }
        sqlite3("CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);"
                + "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO schema_migrations (version, dirty) VALUES (2, 1);");
        refusedChangingNothing(args("import", "--from", "golang-migrate"), "version 2 is dirty");

        sqlite3("UPDATE schema_migrations SET dirty = 0;");
        importsThenUpAppliesOnly("golang-migrate", "schema_migrations", List.of(), "3", null);
    }

    @Test
    void sqlxHistoryIsImportedWithVerifiedSha384AndAFailedRowIsRefused() throws Exception {
        String one = "CREATE TABLE users (id INTEGER PRIMARY KEY);\n";
        write("1_users.sql", one);
        write("2_posts.up.sql", "CREATE TABLE posts (id INTEGER);\n");
        write("2_posts.down.sql", "DROP TABLE posts;\n");
        write("3_tags.sql", "CREATE TABLE tags (id INTEGER);\n");
        sqlite3("CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, "
                + "installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, "
                + "checksum BLOB NOT NULL, execution_time BIGINT NOT NULL);"
                + "CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE posts (id INTEGER);"
                + "INSERT INTO _sqlx_migrations VALUES (1, 'users', '2024-04-01 08:00:00', 1, X'"
                + sha384(one) + "', 2500000);"
                + "INSERT INTO _sqlx_migrations VALUES (2, 'posts', '2024-04-02 08:00:00', 0, X'"
                + sha384("CREATE TABLE posts (id INTEGER);\n") + "', 1000000);");
        refusedChangingNothing(args("--format", "sqlx", "import", "--from", "sqlx"), "failed (success = false)");

        sqlite3("UPDATE _sqlx_migrations SET success = 1;");
        importsThenUpAppliesOnly("sqlx", "_sqlx_migrations", List.of("--format", "sqlx"), "3",
                "2024-04-01T08:00:00Z");
        assertThat(sqlite3("SELECT execution_ms || ' ' || note FROM godwit_history WHERE version = '1'"))
                .startsWith("2 ").contains("its checksum verified");
    }

    @Test
    void dieselHistoryIsImportedWithRunOn() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2024-01-0" + i + "-000000_t" + i + "/up.sql", "CREATE TABLE t" + i + " (id INTEGER);\n");
            write("2024-01-0" + i + "-000000_t" + i + "/down.sql", "DROP TABLE t" + i + ";\n");
        }
        sqlite3("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
                + "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO __diesel_schema_migrations VALUES ('20240101000000', '2024-05-01 09:30:00');"
                + "INSERT INTO __diesel_schema_migrations VALUES ('20240102000000', '2024-05-02 09:30:00');");

        importsThenUpAppliesOnly("diesel", "__diesel_schema_migrations", List.of(), "20240103000000",
                "2024-05-01T09:30:00Z");
    }

    @Test
    void dbmateHistoryIsImportedAndARowWithoutAFileIsRefused() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2024010100000" + i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i
                    + " (id INTEGER);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
        }
        sqlite3("create table if not exists schema_migrations (version varchar(128) primary key);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO schema_migrations VALUES ('20240101000001'), ('20240101000002'), ('20231231000000');");
        refusedChangingNothing(args("import", "--from", "dbmate"),
                "version 20231231000000 matches no migration file");

        sqlite3("DELETE FROM schema_migrations WHERE version = '20231231000000';");
        importsThenUpAppliesOnly("dbmate", "schema_migrations", List.of(), "20240101000003", null);
    }

    @Test
    void railsHistoryIsImported() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2024010100000" + i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (id INTEGER);\n");
        }
        sqlite3("CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY);"
                + "CREATE TABLE \"ar_internal_metadata\" (\"key\" varchar NOT NULL PRIMARY KEY, \"value\" varchar, "
                + "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO schema_migrations VALUES ('20240101000001'), ('20240101000002');");

        importsThenUpAppliesOnly("rails", "schema_migrations", List.of(), "20240101000003", null);
    }

    @Test
    void gooseHistoryIsImportedWhereTheNewestRowPerVersionDecides() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("0000" + i + "_t" + i + ".sql", "-- +goose Up\nCREATE TABLE t" + i + " (id INTEGER);\n"
                    + "-- +goose Down\nDROP TABLE t" + i + ";\n");
        }
        sqlite3("CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, "
                + "is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));"
                + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1);"
                + "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (1, 1, '2024-06-01 12:00:00');"
                + "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (2, 1, '2024-06-02 12:00:00');"
                + "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (3, 1, '2024-06-03 12:00:00');"
                + "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (3, 0, '2024-06-04 12:00:00');"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);");

        importsThenUpAppliesOnly("goose", "goose_db_version", List.of(), "00003", "2024-06-02T12:00:00Z");
    }

    @Test
    void umzugHistoryOfANodeRunnerIsMatchedByFileName() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2025010100000" + i + "_create_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i
                    + " (id INTEGER);\n");
        }
        sqlite3("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, executed_at TEXT);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO schema_migrations VALUES ('20250101000001_create_t1.ts', '2025-01-01T10:00:00.000Z');"
                + "INSERT INTO schema_migrations VALUES ('20250101000002_create_t2.ts', '2025-01-02T10:00:00.000Z');");

        importsThenUpAppliesOnly("umzug", "schema_migrations", List.of(), "20250101000003", "2025-01-01T10:00:00Z");
    }

    @Test
    void sequelizeMetaIsReadWhenThereIsNoRunnerTable() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2025010100000" + i + "_create_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i
                    + " (id INTEGER);\n");
        }
        sqlite3("CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY);"
                + "CREATE TABLE t1 (id INTEGER); CREATE TABLE t2 (id INTEGER);"
                + "INSERT INTO SequelizeMeta VALUES ('20250101000001-create-t1.js'), ('20250101000002-create-t2.js');");

        importsThenUpAppliesOnly("umzug", "SequelizeMeta", List.of(), "20250101000003", null);
    }

    @Test
    void schemaVersionAdoptsTheDatabaseAtItsVersion() throws Exception {
        writeRanges();
        sqlite3(SCHEMA_VERSION + "CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER);"
                + "INSERT INTO schema_version (id, version, updated_at) VALUES (1, '1.2', '2025-10-23 08:00:00');");

        Cli.Result imported = godwit("import", "--from", "schema-version");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("1.1  v1.0_to_v1.1.sql").contains("1.2  v1.1_to_v1.2.sql")
                .contains("applies 1 pending migration(s): 1.3");
        Cli.Result up = godwit("up", "--version-table", "schema_version");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(sqlite3("SELECT version FROM schema_version")).isEqualTo("1.3");
        assertThat(sqlite3("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
                + "AND name IN ('a', 'b', 'c') ORDER BY name)")).isEqualTo("a,b,c");
    }

    @Test
    void withAVersionTableUpAdoptsTheDatabaseAndDownAndUpKeepTheTableInStep() throws Exception {
        writeRanges();
        sqlite3(SCHEMA_VERSION + "CREATE TABLE a (id INTEGER);"
                + "INSERT INTO schema_version (id, version, updated_at) VALUES (1, '1.1', '2025-10-23 08:00:00');");

        Cli.Result status = godwit("status", "--version-table", "schema_version");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.err()).contains("schema_version holds version 1.1: the next up adopts the database at it");
        Cli.Result dry = godwit("up", "--version-table", "schema_version", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(sqlite3("SELECT count(*) FROM sqlite_master WHERE name = 'godwit_history'")).isEqualTo("0");

        Cli.Result up = godwit("up", "--version-table", "schema_version");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("adopted the database at version 1.1");
        assertThat(up.out()).contains("applied 2 migration(s)");
        assertThat(sqlite3("SELECT version FROM schema_version")).isEqualTo("1.3");

        Cli.Result down = godwit("down", "--version-table", "schema_version");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(sqlite3("SELECT version FROM schema_version")).isEqualTo("1.2");

        Files.writeString(tmp.resolve("godwit.toml"), "version-table = \"schema_version\"\n");
        Cli.Result again = Cli.run(Map.of(), "--config", tmp.resolve("godwit.toml").toString(), "--url",
                "sqlite:" + db, "--dir", dir.toString(), "up");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(sqlite3("SELECT version FROM schema_version")).isEqualTo("1.3");
    }

    @Test
    void anExistingGodwitHistoryIsRefusedAndADryRunChangesNothing() throws Exception {
        for (int i = 1; i <= 2; i++) {
            write("2024010100000" + i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (id INTEGER);\n");
        }
        sqlite3("create table if not exists schema_migrations (version varchar(128) primary key);"
                + "CREATE TABLE t1 (id INTEGER); INSERT INTO schema_migrations VALUES ('20240101000001');");

        String before = sqlite3(".dump");
        Cli.Result dry = godwit("import", "--from", "dbmate", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("import would record 1 migration(s)").contains("dry run: nothing changed");
        assertThat(sqlite3(".dump")).isEqualTo(before);

        assertThat(godwit("import", "--from", "dbmate").exit()).isZero();
        refusedChangingNothing(args("import", "--from", "dbmate"), "already has 1 row(s)");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void writeRanges() throws IOException {
        write("v1.0_to_v1.1.sql", "CREATE TABLE a (id INTEGER);\n");
        write("v1.1_to_v1.2.sql", "CREATE TABLE b (id INTEGER);\n");
        write("v1.2_to_v1.3.sql", "CREATE TABLE c (id INTEGER);\n");
        write("rollback/v1.3_to_v1.2.sql", "DROP TABLE c;\n");
    }

    /** The arguments of a command to run (by refusedChangingNothing, after it dumped the database). */
    private String[] args(String... args) {
        return args;
    }

    private void refusedChangingNothing(String[] args, String why) throws Exception {
        String before = sqlite3(".dump");
        Cli.Result r = godwit(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("refused to import").contains(why).contains("nothing was changed");
        assertThat(sqlite3(".dump")).isEqualTo(before);
    }

    private static final String FLYWAY_SQLITE = "CREATE TABLE \"flyway_schema_history\" ("
            + "\"installed_rank\" INT NOT NULL PRIMARY KEY, \"version\" VARCHAR(50), "
            + "\"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, "
            + "\"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL, "
            + "\"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "
            + "\"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL);"
            + "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\");";

    private static final String SCHEMA_VERSION = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, "
            + "updated_at DATETIME DEFAULT CURRENT_TIMESTAMP);";

    private String flywayRow(int rank, String version, String description, String script, String installedOn)
            throws IOException {
        return "INSERT INTO flyway_schema_history VALUES (" + rank + ", '" + version + "', '" + description
                + "', 'SQL', '" + script + "', " + flywayChecksum(dir.resolve(script)) + ", 'flyway_user', '"
                + installedOn + "', 12, 1);";
    }

    /** Flyway's checksum as its documentation describes it: CRC-32 of each line read without its line ending. */
    static int flywayChecksum(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(Files.readString(file)))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    static String sha384(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String sqlite3(String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", "-bail", db.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.strip();
    }
}
