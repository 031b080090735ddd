package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on real SQLite files. */
class SqliteCliIT {
    @TempDir
    Path tmp;
    CliProject project;
    Path dir;
    Path db;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        project = new CliProject(tmp);
        dir = project.dir;
        db = project.db;
        env = project.env;
        CliProject.writeUsersPostsSeed(dir);
    }

    private void write(String name, String text) throws IOException {
        project.write(name, text);
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, project.withDb(args));
    }

    @Test
    void upAppliesEveryPendingMigrationAndRecordsEachInHistory() {
        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "users");
        assertThat(SqliteDb.query(db, "SELECT name FROM users")).containsExactly("ann");
        assertThat(SqliteDb.query(db, "SELECT version, description, script, kind, success, note IS NULL, "
                + "down_sql IS NOT NULL FROM godwit_history ORDER BY version")).containsExactly(
                "1|create users|1_create_users.sql|sql|1|1|1",
                "2|create posts|2_create_posts.sql|sql|1|1|1",
                "3|seed|3_seed.sql|sql|1|1|1");
        assertThat(SqliteDb.query(db, "SELECT checksum FROM godwit_history WHERE version = '1'").get(0))
                .matches("sha256v2:[0-9a-f]{64}");
        assertThat(SqliteDb.query(db, "SELECT applied_at FROM godwit_history WHERE version = '1'").get(0))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(r.out()).contains("applied 3 migration(s); current version: 3");
        assertThat(r.err()).contains("applying  1_create_users.sql ... ok");
    }

    @Test
    void aSecondUpChangesNothingAndSucceeds() {
        godwit("up");
        List<String> before = SqliteDb.query(db, "SELECT * FROM godwit_history ORDER BY version");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("nothing to apply; current version: 3");
        assertThat(SqliteDb.query(db, "SELECT * FROM godwit_history ORDER BY version")).isEqualTo(before);
    }

    @Test
    void upAndDownHonourStepToAndAll() {
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1");
        assertThat(godwit("up", "--to", "2").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
        assertThat(godwit("up").exit()).isZero();

        assertThat(godwit("down").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM users")).containsExactly("0");

        assertThat(godwit("up").exit()).isZero();
        assertThat(godwit("down", "--to", "1").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1");
        assertThat(SqliteDb.tables(db)).containsExactly("users");

        assertThat(godwit("up", "--step=2").exit()).isZero();
        assertThat(godwit("down", "--step=2").exit()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1");

        assertThat(godwit("down", "--all").exit()).isZero();
        assertThat(SqliteDb.history(db)).isEmpty();
        assertThat(SqliteDb.tables(db)).isEmpty();
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommandAndAliasesWork() {
        Cli.Result r = Cli.run(env, "migrate:up", "--url", "sqlite:" + db, "--dir", dir.toString(), "--step=1");
        assertThat(r.exit()).as(r.toString()).isZero();
        Cli.Result s = Cli.run(env, "--dir", dir.toString(), "migrate:status", "--url", "sqlite:" + db);
        assertThat(s.exit()).as(s.toString()).isZero();
        assertThat(s.out()).containsPattern("1\\s+create users\\s+applied");
        assertThat(s.out()).containsPattern("2\\s+create posts\\s+pending");
        assertThat(Cli.run(env, "rollback", "--url", "sqlite:" + db, "--dir", dir.toString()).exit()).isZero();
        assertThat(SqliteDb.history(db)).isEmpty();
    }

    @Test
    void aFailingThirdStatementLeavesNoTraceOfItsMigration() throws IOException {
        write("4_broken.sql", """
                -- migrate:up
                CREATE TABLE audit (id INTEGER PRIMARY KEY);
                INSERT INTO audit (id) VALUES (1);
                INSERT INTO no_such_table VALUES (1);
                CREATE TABLE never (id INTEGER);
                -- migrate:down
                DROP TABLE audit;
                """);
        write("5_later.sql", "-- migrate:up\nCREATE TABLE later (id INTEGER);\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("migration 4 (4_broken.sql) failed at 4_broken.sql:4, statement 3 of 4")
                .contains("INSERT INTO no_such_table VALUES (1)")
                .contains("no such table: no_such_table")
                .contains("its transaction was rolled back: nothing of 4_broken.sql remains")
                .contains("this run already applied 3 migration(s) before it: 1, 2, 3");
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "users");
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void validateAndStatusDetectAnAppliedFileThatWasEdited() throws IOException {
        godwit("up");
        assertThat(godwit("validate").exit()).isZero();
        write("2_create_posts.sql", Files.readString(dir.resolve("2_create_posts.sql"))
                .replace("CREATE INDEX posts_user", "CREATE UNIQUE INDEX posts_user"));

        Cli.Result v = godwit("validate");
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("2 2_create_posts.sql: changed since it was applied");
        assertThat(godwit("status").out()).containsPattern("2\\s+create posts\\s+changed");
        Cli.Result up = godwit("up");
        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err()).contains("2_create_posts.sql: changed since it was applied").contains("godwit repair");
    }

    @Test
    void aCrlfCheckoutOfAnAppliedFileStillValidates() throws IOException {
        godwit("up");
        Path f = dir.resolve("2_create_posts.sql");
        Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));

        Cli.Result v = godwit("validate");

        assertThat(v.exit()).as(v.toString()).isZero();
    }

    @Test
    void validateReportsAnAppliedMigrationWhoseFileIsGone() throws IOException {
        godwit("up");
        Files.delete(dir.resolve("3_seed.sql"));

        Cli.Result v = godwit("validate");

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("3 3_seed.sql: applied, but the file is gone");
        assertThat(godwit("status").out()).containsPattern("3\\s+seed\\s+missing");
    }

    @Test
    void downUsesTheDownSectionRecordedWhenAppliedAndWarnsWhenTheFileDiffers() throws IOException {
        godwit("up");
        write("3_seed.sql", "-- migrate:up\nINSERT INTO users (id, name) VALUES (1, 'ann');\n"
                + "-- migrate:down\nDROP TABLE users;\n");

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: 3_seed.sql: down section changed since it was applied")
                .contains("run 'godwit repair' first");
        assertThat(SqliteDb.tables(db)).contains("users");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM users")).containsExactly("0");
    }

    @Test
    void downStillWorksWhenTheFileWasDeleted() throws IOException {
        godwit("up");
        Files.delete(dir.resolve("3_seed.sql"));

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1");
    }

    @Test
    void downOfAMigrationWithoutDownSectionIsRefusedBeforeAnyChange() throws IOException {
        write("4_irreversible.sql", "-- migrate:up\nCREATE TABLE t4 (id INTEGER);\n");
        godwit("up");
        List<String> schema = SqliteDb.schema(db);

        Cli.Result r = godwit("down", "--step", "2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("4_irreversible.sql: has no down section with SQL, so it cannot be rolled back");
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
        assertThat(SqliteDb.history(db)).hasSize(4);
    }

    @Test
    void downBeyondWhatIsAppliedIsRefused() {
        godwit("up", "--step", "2");
        Cli.Result r = godwit("down", "--step", "3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot roll back 3 migration(s): only 2");
        assertThat(SqliteDb.history(db)).hasSize(2);
    }

    @Test
    void unknownTargetsAreRefused() {
        assertThat(godwit("up", "--to", "42").exit()).isEqualTo(2);
        assertThat(Files.exists(db)).isFalse();
        godwit("up", "--step", "1");
        Cli.Result r = godwit("down", "--to", "3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("target version 3 is not applied");
    }

    @Test
    void dryRunPrintsThePlanAndSqlAndCreatesNothing() {
        Cli.Result r = godwit("up", "--dry-run");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dry run: would apply 3 migration(s)")
                .contains("-- apply 2 2_create_posts.sql")
                .contains("CREATE INDEX posts_user ON posts(user_id);");
        assertThat(Files.exists(db)).isFalse();

        godwit("up", "--step", "1");
        List<String> schema = SqliteDb.schema(db);
        List<String> history = SqliteDb.query(db, "SELECT * FROM godwit_history");
        assertThat(godwit("up", "--dry-run").exit()).isZero();
        assertThat(godwit("down", "--dry-run").out()).contains("would revert 1 migration(s)")
                .contains("DROP TABLE users;");
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
        assertThat(SqliteDb.query(db, "SELECT * FROM godwit_history")).isEqualTo(history);
    }

    @Test
    void jsonOutputIsOneDocumentWithTheDocumentedFields() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Cli.Result up = godwit("--json", "up", "--step", "2");
        JsonNode u = json.readTree(up.out());
        assertThat(u.get("direction").asText()).isEqualTo("up");
        assertThat(u.get("dry_run").asBoolean()).isFalse();
        assertThat(u.get("current").asText()).isEqualTo("2");
        assertThat(u.get("migrations")).hasSize(2);
        assertThat(u.get("migrations").get(0).get("version").asText()).isEqualTo("1");
        assertThat(u.get("migrations").get(0).has("execution_ms")).isTrue();
        assertThat(up.err()).contains("applying");

        JsonNode s = json.readTree(godwit("status", "--json").out());
        assertThat(s.get("current").asText()).isEqualTo("2");
        assertThat(s.get("applied").asInt()).isEqualTo(2);
        assertThat(s.get("pending").asInt()).isEqualTo(1);
        JsonNode m3 = s.get("migrations").get(2);
        assertThat(m3.get("state").asText()).isEqualTo("pending");
        assertThat(m3.get("script").asText()).isEqualTo("3_seed.sql");
        assertThat(m3.get("checksum").asText()).startsWith("sha256v2:");
        assertThat(m3.get("applied_at").isNull()).isTrue();

        JsonNode err = json.readTree(godwit("--json", "up", "--to", "99").out());
        assertThat(err.get("error").get("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void statusOfAnEmptyDatabaseChangesNothing() {
        Cli.Result r = godwit("status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("current version: none, applied: 0, pending: 3");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void pendingMigrationsOlderThanTheNewestAppliedAreShownAndRefusedUnlessAllowed() throws IOException {
        godwit("up");
        write("2.5_late.sql", "-- migrate:up\nCREATE TABLE late (id INTEGER);\n-- migrate:down\nDROP TABLE late;\n");

        assertThat(godwit("status").out()).containsPattern("2\\.5\\s+late\\s+out_of_order");
        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("2.5_late.sql: pending, but older than the newest applied migration 3");
        assertThat(godwit("up", "--out-of-order").exit()).isZero();
        assertThat(SqliteDb.tables(db)).contains("late");
    }

    @Test
    void aCreatedDatabaseStartsInWalModeAndAnExistingOneKeepsItsMode() throws Exception {
        godwit("up", "--step", "1");
        assertThat(SqliteDb.query(db, "PRAGMA journal_mode")).containsExactly("wal");

        Path other = tmp.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keep (id INTEGER)");
        }
        Cli.Result r = Cli.run(env, "--url", other.toString(), "--dir", dir.toString(), "up");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(other, "PRAGMA journal_mode")).containsExactly("delete");

        Path custom = tmp.resolve("custom.sqlite3");
        Cli.run(env, "--url", "jdbc:sqlite:" + custom, "--dir", dir.toString(), "--journal-mode", "delete", "up");
        assertThat(SqliteDb.query(custom, "PRAGMA journal_mode")).containsExactly("delete");
        assertThat(Files.exists(tmp.resolve("custom.sqlite3-wal"))).isFalse();
    }

    @Test
    void foreignKeysAreEnforcedWhileMigrating() throws IOException {
        write("4_orphan.sql", "-- migrate:up\nINSERT INTO posts (id, user_id) VALUES (1, 999);\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("FOREIGN KEY constraint failed");
        assertThat(SqliteDb.history(db)).hasSize(3);
    }

    @Test
    void theUrlComesFromGodwitUrlThenDatabaseUrl() {
        env.put("DATABASE_URL", "sqlite:" + tmp.resolve("from-database-url.db"));
        assertThat(Cli.run(env, "--dir", dir.toString(), "up").exit()).isZero();
        assertThat(Files.exists(tmp.resolve("from-database-url.db"))).isTrue();

        env.put("GODWIT_URL", "sqlite:" + tmp.resolve("from-godwit-url.db"));
        assertThat(Cli.run(env, "--dir", dir.toString(), "up").exit()).isZero();
        assertThat(Files.exists(tmp.resolve("from-godwit-url.db"))).isTrue();
    }

    @Test
    void aMissingUrlIsAConfigurationErrorWithAHint() {
        Cli.Result r = Cli.run(Map.of(), "--dir", dir.toString(), "up");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no database URL given").contains("--url or GODWIT_URL");
    }

    @Test
    void theHistoryTableNameCanBeChosenAndIsValidated() {
        assertThat(godwit("--table", "schema_migrations", "up").exit()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM schema_migrations")).containsExactly("3");

        Cli.Result bad = godwit("--table", "x; DROP TABLE users", "status");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid table name");
        assertThat(SqliteDb.tables(db)).contains("users");
    }

    @Test
    void upDownPairsOfFilesWork() throws IOException {
        write("4_tags.up.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);\n");
        write("4_tags.down.sql", "DROP TABLE tags;\n");
        write("5_irreversible.up.sql", "CREATE TABLE t5 (id INTEGER);\n");

        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.tables(db)).contains("tags", "t5");
        assertThat(godwit("down", "--to", "4").exit()).isEqualTo(2);
        Files.writeString(dir.resolve("5_irreversible.down.sql"), "DROP TABLE t5;");
        assertThat(godwit("down", "--to", "3").exit()).isZero();
        assertThat(SqliteDb.tables(db)).doesNotContain("tags", "t5");
    }

    @Test
    void theUpperCaseUpAndDownMarkersOfTheChecksummedRunnerAreAccepted() throws IOException {
        write("20240101120000_create_users2.sql", """
                -- migrations/20240101120000_create_users.sql
                -- Migration: create_users
                -- Version: 20240101120000

                -- UP
                CREATE TABLE users2 (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL UNIQUE);
                CREATE INDEX idx_users2 ON users2(username);

                -- DOWN
                DROP INDEX IF EXISTS idx_users2;
                DROP TABLE IF EXISTS users2;
                """);
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.tables(db)).contains("users2");
        assertThat(godwit("down").exit()).isZero();
        assertThat(SqliteDb.tables(db)).doesNotContain("users2");
    }

    @Test
    void badMigrationFilesAreReportedAllAtOnceAndTheDatabaseIsUntouched() throws IOException {
        write("2_duplicate.sql", "-- migrate:up\nSELECT 1;\n");
        write("notes.sql", "SELECT 1;\n");
        write("7_no_up.sql", "CREATE TABLE x (id INTEGER);\n");
        write("8_empty_up.sql", "-- migrate:up\n-- nothing yet\n-- migrate:down\n");

        for (String cmd : new String[] {"up", "status", "validate", "down"}) {
            Cli.Result r = godwit(cmd);
            assertThat(r.exit()).as(cmd + "\n" + r).isEqualTo(2);
            assertThat(r.err()).contains("3 problems with migration files")
                    .contains("2_duplicate.sql: version 2 is used twice: also by 2_create_posts.sql")
                    .contains("notes.sql: the name matches no migration format")
                    .contains("7_no_up.sql: no up section")
                    .doesNotContain("8_empty_up.sql:"); // not written yet: left out with a warning, no error
        }
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void contradictoryDirectivesAreRefusedBeforeAnyChange() throws IOException {
        write("4_rebuild.sql", "-- godwit:no-transaction\n-- godwit:foreign-keys off\n-- migrate:up\n"
                + "CREATE TABLE t4 (id INTEGER);\n");
        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("4_rebuild.sql:4: '-- godwit:foreign-keys off' needs a transaction");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLine() throws IOException {
        Files.write(dir.resolve("4_latin1.sql"), "-- migrate:up\nINSERT INTO users VALUES (2, 'Jos\u00e9');\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("4_latin1.sql:2: not valid UTF-8");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aBusyDatabaseMakesUpWaitThenExitWithThree() throws Exception {
        godwit("up", "--step", "1");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            long t0 = System.nanoTime();
            Cli.Result r = godwit("--lock-timeout", "1", "up");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            s.execute("ROLLBACK");

            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("another process holds SQLite database").contains("--lock-timeout");
            assertThat(ms).isGreaterThanOrEqualTo(900);
        }
        assertThat(SqliteDb.history(db)).containsExactly("1|1");
        assertThat(godwit("up").exit()).isZero();
    }

    @Test
    void aNoTransactionMigrationThatFailsShowsWhereItStopped() throws IOException {
        write("4_vacuum.sql", """
                -- godwit:no-transaction
                -- migrate:up
                CREATE TABLE t4 (id INTEGER);
                VACUUM;
                INSERT INTO missing VALUES (1);
                -- migrate:down
                DROP TABLE t4;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("it ran without a transaction");
        assertThat(SqliteDb.tables(db)).contains("t4");
        Cli.Result s = godwit("status");
        assertThat(s.out()).containsPattern("4\\s+vacuum\\s+failed")
                .contains("stopped at statement 3 of 3 (line 5)");
        assertThat(godwit("up").exit()).isEqualTo(2);
        assertThat(godwit("validate").exit()).isEqualTo(1);
    }

    @Test
    void aNoTransactionMigrationThatSucceedsIsRecordedAsApplied() throws IOException {
        write("4_vacuum.sql", "-- godwit:no-transaction\n-- migrate:up\nVACUUM;\n-- migrate:down\nVACUUM;\n");
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.history(db)).contains("4|1");
        assertThat(godwit("down").exit()).isZero();
        assertThat(SqliteDb.history(db)).doesNotContain("4|1");
    }

    @Test
    void newWritesATimestampedFileWithBothMarkersInsideTheFolder() throws IOException {
        Path fresh = tmp.resolve("fresh");
        Cli.Result r = Cli.run(env, "--dir", fresh.toString(), "new", "Add Users Table!");
        assertThat(r.exit()).as(r.toString()).isZero();
        Path created = Path.of(r.out().strip());
        assertThat(created.getFileName().toString()).matches("\\d{14}_add_users_table\\.sql");
        assertThat(created.getParent()).isEqualTo(fresh);
        assertThat(Files.readString(created)).contains("-- migrate:up").contains("-- migrate:down");

        Cli.Result sneaky = Cli.run(env, "--dir", fresh.toString(), "migrate:create", "../../etc/passwd");
        assertThat(sneaky.exit()).isZero();
        assertThat(Path.of(sneaky.out().strip()).getParent()).isEqualTo(fresh);
        try (Stream<Path> files = Files.list(fresh)) {
            assertThat(files.count()).isEqualTo(2);
        }
        assertThat(Cli.run(env, "--dir", fresh.toString(), "create", "../..").exit()).isEqualTo(2);
    }

    @Test
    void aTriggerBodyUpdatingAColumnNamedEndRunsAsInTheSqlite3Shell() throws IOException {
        write("4_end_column.sql", """
                -- migrate:up
                CREATE TABLE shifts (id INTEGER PRIMARY KEY, end INT);
                CREATE TRIGGER shifts_ins AFTER INSERT ON shifts BEGIN
                  UPDATE shifts SET end = 1 WHERE id = new.id;
                END;
                INSERT INTO shifts (id) VALUES (7);
                -- migrate:down
                DROP TABLE shifts;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT id, end FROM shifts")).containsExactly("7|1");
        assertThat(SqliteDb.query(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
                .containsExactly("shifts_ins");
        assertThat(SqliteDb.history(db)).contains("4|1");
    }

    @Test
    void aBlockCommentLeftOpenAtTheEndOfASectionIsACommentAsInTheSqlite3Shell() throws IOException {
        write("4_open_comment.sql", """
                -- migrate:up
                CREATE TABLE notes (id INTEGER PRIMARY KEY);
                /* notes for later: nothing below runs
                CREATE TABLE never (id INTEGER);
                -- migrate:down
                DROP TABLE notes;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("notes", "posts", "users");
        assertThat(godwit("down").exit()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "users");
    }

    @Test
    void anotherToolsHistoryTableIsNamedAsSuchAndLeftAlone() throws IOException {
        Files.createDirectories(db.getParent());
        SqliteDb.exec(db, "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, dirty INTEGER NOT NULL)");
        SqliteDb.exec(db, "INSERT INTO schema_migrations VALUES ('20240101000000', 0)");
        List<String> before = SqliteDb.schema(db);

        for (String[] args : new String[][] {{"up"}, {"status"}, {"validate"}, {"baseline", "--version", "1"}}) {
            List<String> all = new java.util.ArrayList<>(List.of("--table", "schema_migrations", "--json"));
            all.addAll(List.of(args));
            Cli.Result r = godwit(all.toArray(String[]::new));
            assertThat(r.exit()).as(args[0] + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(args[0])
                    .contains("table \"schema_migrations\" exists but is not a Godwit history table")
                    .contains("its columns are version, dirty")
                    .contains("hint: name another table for Godwit's history with --table")
                    .contains("godwit import")
                    .doesNotContain("no such column").doesNotContain("reachable");
            assertThat(r.out()).as(args[0]).contains("\"code\" : \"configuration\"");
        }
        assertThat(SqliteDb.schema(db)).isEqualTo(before);
        assertThat(SqliteDb.query(db, "SELECT * FROM schema_migrations")).containsExactly("20240101000000|0");
    }

    @Test
    void vacuumInATransactionalMigrationGetsTheNoTransactionHint() throws IOException {
        godwit("up");
        write("4_vacuum.sql", "-- migrate:up\nVACUUM;\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("cannot VACUUM from within a transaction")
                .contains("hint: SQLite cannot run this statement inside a transaction: add "
                        + "'-- godwit:no-transaction' as the first line of the file");

        write("4_vacuum.sql", "-- godwit:no-transaction\n-- migrate:up\nVACUUM;\n");
        Cli.Result fixed = godwit("up");
        assertThat(fixed.exit()).as(fixed.toString()).isZero();
    }

    @Test
    void aStatementOfSeveralMegabytesRunsAsInTheSqlite3ShellAndOneOverSqlitesLimitNamesIt() throws IOException {
        StringBuilder insert = new StringBuilder("INSERT INTO big VALUES ");
        for (int i = 0; i < 30_000; i++) {
            insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", '").append("x".repeat(90)).append("')");
        }
        write("4_big.sql", "-- migrate:up\nCREATE TABLE big (i INTEGER, s TEXT);\n" + insert + ";\n");
        assertThat(insert.length()).isGreaterThan(2_000_000);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM big")).containsExactly("30000");

        write("5_huge_value.sql", "-- migrate:up\nINSERT INTO big VALUES (-1, zeroblob(1500000000));\n");
        Cli.Result huge = godwit("up");
        assertThat(huge.exit()).as(huge.toString()).isEqualTo(1);
        assertThat(huge.err()).contains("SQLITE_TOOBIG")
                .contains("hint: SQLite refuses a statement longer than 1,000,000,000 bytes and a string or BLOB "
                        + "larger than that").contains("split it");
        assertThat(SqliteDb.history(db)).doesNotContain("5|1");
    }

    @Test
    void aDirThatIsAFileIsCalledAFileNotAMissingFolder() {
        Cli.Result r = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.resolve("1_create_users.sql").toString(),
                "status");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("is a file, not a folder").doesNotContain("not found")
                .contains("hint: point --dir (or GODWIT_DIR) at the folder that holds the migration files, e.g. " + dir);
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(godwit("up", "--step", "0").exit()).isEqualTo(2);
        assertThat(godwit("down", "--step", "1", "--all").exit()).isEqualTo(2);
        assertThat(godwit("frobnicate").exit()).isEqualTo(2);
        assertThat(godwit("up", "--to", "abc").exit()).isEqualTo(2);
        Cli.Result unknown = godwit("--json", "up", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("\"exit_code\" : 2").contains("--frobnicate");
        assertThat(unknown.err()).contains("see 'godwit up --help'");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aPragmaOneMigrationChangesDoesNotCarryIntoTheNext() throws IOException {
        write("4_fk_off.sql", "-- godwit:no-transaction\n-- migrate:up\nPRAGMA foreign_keys = OFF;\n");
        write("5_orphan.sql", "-- migrate:up\nINSERT INTO posts (id, user_id) VALUES (9, 99);\n");

        Cli.Result r = godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("5_orphan.sql:2").contains("FOREIGN KEY constraint failed");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM posts")).containsExactly("0");
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY version"))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aMigrationThatMakesTheConnectionReadOnlyStillGetsItsHistoryRow() throws IOException {
        write("4_query_only.sql", "-- migrate:up\nCREATE TABLE t4 (x);\nPRAGMA query_only = ON;\n");
        write("5_alone.sql", "-- godwit:no-transaction\n-- migrate:up\nPRAGMA query_only = ON;\n"
                + "SELECT count(*) FROM users;\n");
        write("6_table.sql", "-- migrate:up\nCREATE TABLE t6 (x);\n");

        Cli.Result r = godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "t4", "t6", "users");
        assertThat(SqliteDb.query(db, "SELECT version || success FROM godwit_history ORDER BY version"))
                .containsExactly("11", "21", "31", "41", "51", "61");
    }

    @Test
    void transactionControlInATransactionalMigrationIsRefusedBeforeAnyChange() throws IOException {
        write("4_fail.sql", "-- migrate:up\nCREATE TABLE b (x);\nCOMMIT;\nCREATE TABLE c (x);\n"
                + "SELECT * FROM nonexistent;\n-- migrate:down\nSAVEPOINT s;\nDROP TABLE c;\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("4_fail.sql:3: COMMIT controls the transaction")
                .contains("4_fail.sql:7: SAVEPOINT").contains("-- godwit:no-transaction");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void triggerBodiesAndNoTransactionMigrationsMayUseBeginAndEnd() throws IOException {
        write("4_trigger.sql", """
                -- migrate:up
                CREATE TABLE audit (user_id INTEGER);
                CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN
                  INSERT INTO audit VALUES (new.id);
                END;
                """);
        write("5_by_hand.sql", "-- godwit:no-transaction\n-- migrate:up\nBEGIN;\nCREATE TABLE t5 (x);\nCOMMIT;\n");

        Cli.Result r = godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(db)).contains("audit", "t5");
        assertThat(SqliteDb.query(db, "SELECT version || success FROM godwit_history ORDER BY version"))
                .containsExactly("11", "21", "31", "41", "51");
    }

    @Test
    void aRecordedDownSectionThatCommitsEarlyIsReportedAsWhatHappened() throws IOException {
        write("4_t4.sql", "-- migrate:up\nCREATE TABLE t4 (x);\n-- migrate:down\nDROP TABLE t4;\n");
        assertThat(godwit("up", "--no-backup").exit()).isZero();
        SqliteDb.exec(db, "UPDATE godwit_history SET down_sql = 'DROP TABLE t4;\nCOMMIT;\nSELECT * FROM nowhere;'"
                + " WHERE version = '4'");

        Cli.Result r = godwit("down", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("COMMIT at line 2 had already ended Godwit's transaction")
                .contains("no such table: nowhere").doesNotContain("nothing of 4_t4.sql remains");
        assertThat(SqliteDb.tables(db)).doesNotContain("t4");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_history WHERE version = '4'"))
                .containsExactly("1");
    }

    @Test
    void regexpWorksAsInTheSqlite3Shell() throws IOException {
        write("4_emails.sql", """
                -- migrate:up
                CREATE TABLE emails (address TEXT NOT NULL CHECK (address REGEXP '^[^@ ]+@[^@ ]+$'));
                INSERT INTO emails (address) VALUES ('ann@example.org');
                -- migrate:down
                DROP TABLE emails;
                """);
        write("5_bad_email.sql", """
                -- migrate:up
                INSERT INTO emails (address) VALUES ('not an address');
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("5_bad_email.sql").contains("CHECK constraint failed");
        assertThat(SqliteDb.query(db, "SELECT address FROM emails")).containsExactly("ann@example.org");
        assertThat(SqliteDb.history(db)).contains("4|1").doesNotContain("5|1");
    }
}
