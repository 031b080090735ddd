package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.dialect.libsql.LibsqlServers;
import dev.godwit.dialect.libsql.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end against a real remote libSQL server: the same scenarios on every server (one subclass each).
 * Each test gets a fresh server, so tests share no tables.
 */
abstract class LibsqlCliContract {
    @TempDir
    Path tmp;
    Path dir;
    TestServer server;
    Map<String, String> env = new HashMap<>();

    abstract LibsqlServers.Kind kind();

    @BeforeEach
    void setUp() throws IOException {
        server = LibsqlServers.start(kind());
        dir = Files.createDirectories(tmp.resolve("migrations"));
        CliProject.writeUsersPostsSeed(dir);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", server.url(), "--dir", dir.toString()));
        all.addAll(List.of(args));
        return Cli.run(env, all.toArray(String[]::new));
    }

    /** User tables, sorted, without the history table and the servers' own bookkeeping tables. */
    List<String> tables() {
        return server.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").stream()
                .filter(n -> !n.startsWith("sqlite_") && !n.startsWith("libsql_") && !n.startsWith("__turso_internal")
                        && !n.equals("godwit_history"))
                .toList();
    }

    boolean historyTableExists() {
        return !server.rows("SELECT name FROM sqlite_master WHERE name = 'godwit_history'").isEmpty();
    }

    List<String> history() {
        return server.rows("SELECT version, success FROM godwit_history ORDER BY CAST(version AS INTEGER)");
    }

    @Test
    void upAppliesEveryPendingMigrationAndRecordsEachInHistory() {
        Cli.Result r = godwit("migrate:up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tables()).containsExactly("posts", "users");
        assertThat(server.rows("SELECT name FROM users")).containsExactly("ann");
        assertThat(server.rows("SELECT version, description, script, kind, success, note IS NULL, "
                + "down_sql IS NOT NULL FROM godwit_history ORDER BY version")).containsExactly(
                "1|create users|1_create_users.sql|sql|1|1|1",
                "2|create posts|2_create_posts.sql|sql|1|1|1",
                "3|seed|3_seed.sql|sql|1|1|1");
        assertThat(server.rows("SELECT checksum FROM godwit_history WHERE version = '1'").get(0))
                .matches("sha256v2:[0-9a-f]{64}");
        assertThat(r.out()).contains("applied 3 migration(s); current version: 3");

        Cli.Result again = godwit("up");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to apply; current version: 3");
    }

    @Test
    void importTakesOverAnotherToolsHistoryInOneBatchLeavingItsTable() {
        server.rows("create table if not exists schema_migrations (version varchar(128) primary key)");
        server.rows("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        server.rows("INSERT INTO schema_migrations VALUES ('1')");

        Cli.Result imported = godwit("import", "--from", "dbmate");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 1 migration(s)");
        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("applied 2 migration(s)");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
        assertThat(server.rows("SELECT version FROM schema_migrations")).containsExactly("1");

        Cli.Result again = godwit("import", "--from", "dbmate");
        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).contains("already has 3 row(s)");
    }

    @Test
    void upAndDownHonourStepToAndAll() {
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        assertThat(history()).containsExactly("1|1");
        assertThat(godwit("up", "--to", "2").exit()).isZero();
        assertThat(history()).containsExactly("1|1", "2|1");
        assertThat(godwit("up").exit()).isZero();

        Cli.Result down = godwit("migrate:down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(history()).containsExactly("1|1", "2|1");
        assertThat(server.rows("SELECT count(*) FROM users")).containsExactly("0");

        assertThat(godwit("up").exit()).isZero();
        assertThat(godwit("down", "--to", "1").exit()).isZero();
        assertThat(history()).containsExactly("1|1");
        assertThat(tables()).containsExactly("users");

        assertThat(godwit("up", "--step=2").exit()).isZero();
        assertThat(godwit("down", "--step=2").exit()).isZero();
        assertThat(history()).containsExactly("1|1");

        assertThat(godwit("down", "--all").exit()).isZero();
        assertThat(history()).isEmpty();
        assertThat(tables()).isEmpty();
    }

    @Test
    void statusJsonAndDryRunWorkRemotelyAndCreateNothing() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Cli.Result empty = godwit("migrate:status", "--json");
        assertThat(empty.exit()).as(empty.toString()).isZero();
        assertThat(json.readTree(empty.out()).get("pending").asInt()).isEqualTo(3);
        Cli.Result dry = godwit("up", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("dry run: would apply 3 migration(s)").contains("CREATE INDEX posts_user");
        assertThat(historyTableExists()).as("status and --dry-run create no history table").isFalse();
        assertThat(tables()).isEmpty();

        assertThat(godwit("--json", "up", "--step", "2").exit()).isZero();
        JsonNode s = json.readTree(godwit("status", "--json").out());
        assertThat(s.get("current").asText()).isEqualTo("2");
        assertThat(s.get("applied").asInt()).isEqualTo(2);
        assertThat(s.get("pending").asInt()).isEqualTo(1);
        assertThat(s.get("migrations").get(0).get("state").asText()).isEqualTo("applied");
        assertThat(s.get("migrations").get(0).get("applied_at").asText()).endsWith("Z");
        assertThat(s.get("migrations").get(2).get("state").asText()).isEqualTo("pending");

        List<String> before = server.rows("SELECT * FROM godwit_history ORDER BY version");
        assertThat(godwit("down", "--dry-run").out()).contains("would revert 1 migration(s)")
                .contains("DROP TABLE posts;");
        assertThat(server.rows("SELECT * FROM godwit_history ORDER BY version")).isEqualTo(before);
        assertThat(tables()).containsExactly("posts", "users");
    }

    @Test
    void validateDetectsAnAppliedFileThatWasEdited() throws IOException {
        godwit("up");
        assertThat(godwit("validate").exit()).isZero();
        write("2_create_posts.sql", Files.readString(dir.resolve("2_create_posts.sql"))
                .replace("CREATE INDEX posts_user", "CREATE UNIQUE INDEX posts_user"));

        Cli.Result v = godwit("validate");

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("2 2_create_posts.sql: changed since it was applied");
        assertThat(godwit("status").out()).containsPattern("2\\s+create posts\\s+changed");
    }

    @Test
    void aMigrationFailingAtItsThirdStatementLeavesNothing() throws IOException {
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

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("migration 4 (4_broken.sql) failed at 4_broken.sql:4, statement 3 of 4")
                .contains("INSERT INTO no_such_table VALUES (1)")
                .contains("no_such_table")
                .contains("this run already applied 3 migration(s) before it: 1, 2, 3");
        assertThat(tables()).containsExactly("posts", "users");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aFailingDownFileOfAPairIsNamedWithItsLineAndAnEmptyDownRefused() throws IOException {
        write("4_audit.up.sql", "CREATE TABLE audit (id INTEGER PRIMARY KEY);\n");
        write("4_audit.down.sql", "DROP TABLE audit;\nDROP TABLE no_such_table;\n");
        write("5_notes.sql", "-- migrate:up\nCREATE TABLE notes (id INTEGER);\n-- migrate:down\n-- later\n");
        assertThat(godwit("up").exit()).isZero();

        Cli.Result empty = godwit("down");
        assertThat(empty.exit()).as(empty.toString()).isEqualTo(2);
        assertThat(empty.err()).contains("5_notes.sql: has no down section with SQL, so it cannot be rolled back");
        assertThat(tables()).contains("notes");

        write("5_notes.sql", "-- migrate:up\nCREATE TABLE notes (id INTEGER);\n-- migrate:down\nDROP TABLE notes;\n");
        Cli.Result failed = godwit("down", "--step", "2");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("reverting 4_audit.down.sql")
                .contains("rollback of 4 (4_audit.up.sql) failed at 4_audit.down.sql:2, statement 2 of 2")
                .contains("fix the statement in 4_audit.down.sql");
        assertThat(tables()).contains("audit").doesNotContain("notes");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1", "4|1");
    }

    @Test
    void twoProcessesMigratingOneDatabaseAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        int count = 30;
        StringBuilder pad = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            pad.append(i > 1 ? ", " : "").append('(').append(i).append(')');
        }
        write("0_log.sql", "-- migrate:up\nCREATE TABLE runs (version INTEGER NOT NULL);\n"
                + "CREATE TABLE pad (x INTEGER);\nINSERT INTO pad (x) VALUES " + pad + ";\n"
                + "-- migrate:down\nDROP TABLE runs;\nDROP TABLE pad;\n");
        for (int i = 10; i < 10 + count; i++) {
            // The cross join only takes time, so that the two runners overlap.
            write(i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (id INTEGER);\n"
                    + "SELECT count(*) FROM pad a, pad b, pad c;\n"
                    + "INSERT INTO runs (version) VALUES (" + i + ");\n"
                    + "-- migrate:down\nDROP TABLE t" + i + ";\nSELECT count(*) FROM pad a, pad b, pad c;\n"
                    + "DELETE FROM runs WHERE version = " + i + ";\n");
        }
        Files.delete(dir.resolve("1_create_users.sql"));
        Files.delete(dir.resolve("2_create_posts.sql"));
        Files.delete(dir.resolve("3_seed.sql"));
        List<String> args = List.of("--url", server.url(), "--dir", dir.toString());

        List<CliProcess.Result> ups = CliProcess.runConcurrently(2, env, concat(args, "up"));

        assertExactlyOnceByTwoRunners(ups, count + 1, "applying");
        assertThat(server.rows("SELECT count(*), count(DISTINCT version) FROM runs"))
                .containsExactly(count + "|" + count);
        assertThat(server.rows("SELECT count(*) FROM godwit_history")).containsExactly(String.valueOf(count + 1));

        List<CliProcess.Result> downs = CliProcess.runConcurrently(2, env, concat(args, "down", "--to", "0"));

        assertExactlyOnceByTwoRunners(downs, count, "reverting");
        assertThat(server.rows("SELECT count(*) FROM runs")).containsExactly("0");
        assertThat(history()).containsExactly("0|1");
        assertThat(tables()).containsExactly("pad", "runs");
    }

    /** Both exit 0; between them each step ran once ("ok"); the rest they saw done by the other. */
    private void assertExactlyOnceByTwoRunners(List<CliProcess.Result> results, int steps, String verb) {
        int ok = 0;
        int already = 0;
        for (CliProcess.Result r : results) {
            assertThat(r.exit()).as(r.toString()).isZero();
            ok += count(r.err(), "... ok (");
            already += count(r.err(), "already done by another runner");
        }
        assertThat(ok).as("steps run, over both runners:\n%s\n%s", results.get(0), results.get(1)).isEqualTo(steps);
        System.out.printf("%s: two runners %s %d migrations: %d ran, %d found done by the other%n", kind(), verb,
                steps, ok, already);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aMigrationOfThreeThousandStatementsAppliesAtomically() throws IOException {
        int rows = 2_999;
        StringBuilder sql = new StringBuilder("-- migrate:up\nCREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);\n");
        for (int i = 0; i < rows; i++) {
            sql.append("INSERT INTO big (id, v) VALUES (").append(i).append(", 'row ").append(i).append("');\n");
        }
        sql.append("-- migrate:down\nDROP TABLE big;\n");
        write("4_big.sql", sql.toString());

        long t0 = System.nanoTime();
        Cli.Result r = godwit("up");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.rows("SELECT count(*) FROM big")).containsExactly(String.valueOf(rows));
        long recordedMs = Long.parseLong(server.rows("SELECT execution_ms FROM godwit_history WHERE version = '4'")
                .get(0));
        assertThat(recordedMs).as("execution time measured on the server").isBetween(1L, ms);
        System.out.printf("%s: 3 small migrations + one of %d statements in %d ms%n", kind(), rows + 1, ms);
        assertThat(godwit("down").exit()).isZero();
        assertThat(tables()).doesNotContain("big");
    }

    @Test
    void aMigrationAboveTheRequestLimitIsRefusedBeforeItIsSent() throws IOException {
        StringBuilder sql = new StringBuilder("-- migrate:up\nCREATE TABLE huge (v TEXT);\n");
        String payload = "x".repeat(1_000);
        for (int i = 0; i < 5_000; i++) {
            sql.append("INSERT INTO huge (v) VALUES ('").append(payload).append("');\n");
        }
        write("4_huge.sql", sql.toString());

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("4_huge.sql would be a request of").contains("nothing of it was sent")
                .contains("split it into several migrations");
        assertThat(tables()).containsExactly("posts", "users");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aNoTransactionMigrationRunsStatementByStatementAndRecordsWhereItStopped() throws IOException {
        write("4_alone.sql", """
                -- godwit:no-transaction
                -- migrate:up
                CREATE TABLE alone (id INTEGER);
                INSERT INTO alone (id) VALUES (1);
                INSERT INTO missing VALUES (1);
                -- migrate:down
                DROP TABLE alone;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("failed at 4_alone.sql:5, statement 3 of 3").contains("it ran without a transaction");
        assertThat(tables()).contains("alone");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1", "4|0");
        assertThat(godwit("status").out()).containsPattern("4\\s+alone\\s+failed")
                .contains("stopped at statement 3 of 3 (line 5)");
        assertThat(godwit("up").exit()).isEqualTo(2);

        write("4_alone.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE alone (id INTEGER);\n"
                + "-- migrate:down\nDROP TABLE alone;\n");
        server.rows("DELETE FROM godwit_history WHERE version = '4'");
        server.rows("DROP TABLE alone");
        assertThat(godwit("up").exit()).isZero();
        assertThat(history()).containsExactly("1|1", "2|1", "3|1", "4|1");
        assertThat(godwit("down").exit()).isZero();
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
        assertThat(tables()).doesNotContain("alone");
    }

    @Test
    void theForeignKeysOffDirectiveIsRefusedRatherThanIgnored() throws IOException {
        write("4_rebuild.sql", "-- godwit:foreign-keys off\n-- migrate:up\nCREATE TABLE users_new (id INTEGER);\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("4_rebuild.sql asks for -- godwit:foreign-keys off")
                .contains("nothing of it was sent");
        assertThat(tables()).doesNotContain("users_new");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void theHistoryTableHasTheSameSchemaAsOnALocalFile() {
        Path local = tmp.resolve("local.db");
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        assertThat(Cli.run(env, "--url", "sqlite:" + local, "--dir", dir.toString(), "up", "--step", "1").exit())
                .isZero();

        String columns = "PRAGMA table_info(godwit_history)";
        assertThat(server.rows(columns)).isEqualTo(SqliteDb.query(local, columns)).hasSize(11);
    }

    @Test
    void anUnreachableServerIsAClearErrorWithExitTwo() {
        Cli.Result r = Cli.run(env, "--url", "http://127.0.0.1:9", "--dir", dir.toString(), "status");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Cannot connect to the libSQL server at http://127.0.0.1:9");
    }

    static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
