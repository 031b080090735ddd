package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on a real PostgreSQL server; each test in a schema of its own. */
class PostgresCliIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresTestDatabase db;

    @TempDir
    Path tmp;
    Path dir;
    String schema;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        schema = "cli" + SCHEMAS.incrementAndGet();
        dir = Files.createDirectories(tmp.resolve("migrations"));
        write("1_create_users.sql", """
                -- migrate:up
                CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
                -- migrate:down
                DROP TABLE users;
                """);
        write("2_create_posts.sql", """
                -- migrate:up
                CREATE TABLE posts (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id));
                CREATE INDEX posts_user ON posts (user_id);
                CREATE FUNCTION post_count(u int) RETURNS bigint LANGUAGE sql AS $$
                  SELECT count(*) FROM posts WHERE user_id = u;
                $$;
                -- migrate:down
                DROP FUNCTION post_count(int);
                DROP TABLE posts;
                """);
        write("3_seed.sql", """
                -- migrate:up
                INSERT INTO users (name) VALUES ('ann'), ('it''s; bob');
                -- migrate:down
                DELETE FROM users;
                """);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Cli.Result godwit(String... args) {
        return godwitAt(db.url(), Map.of(), args);
    }

    private Cli.Result godwitAt(String url, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url, "--dir", dir.toString(), "--schema", schema));
        all.addAll(List.of(args));
        return Cli.run(env, all.toArray(String[]::new));
    }

    private List<String> tables() {
        return db.rows("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' "
                + "AND tablename NOT IN ('godwit_schema', 'godwit_uptodate') ORDER BY 1").stream()
                .map(r -> r.get(0)).toList();
    }

    private List<String> history() {
        if (!db.tableExists(schema, "godwit_history")) {
            return List.of();
        }
        return db.rows("SELECT version || '|' || kind || '|' || success FROM " + schema
                + ".godwit_history ORDER BY version").stream().map(r -> r.get(0)).toList();
    }

    @Test
    void upDownStepToAndAllWorkAsOnSqlite() {
        Cli.Result step = godwit("up", "--step", "1");
        assertThat(step.exit()).as(step.toString()).isZero();
        assertThat(tables()).containsExactly("godwit_history", "users");

        assertThat(godwit("up", "--to", "2").exit()).isZero();
        assertThat(tables()).containsExactly("godwit_history", "posts", "users");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("applied 1 migration(s); current version: 3");
        assertThat(history()).containsExactly("1|sql|true", "2|sql|true", "3|sql|true");
        assertThat(db.scalar("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = '" + schema + "' AND p.proname = 'post_count'")).isEqualTo("1");
        assertThat(godwit("up").out()).contains("nothing to apply");

        assertThat(godwit("down").exit()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM " + schema + ".users")).isEqualTo("0");
        assertThat(godwit("down", "--to", "1").exit()).isZero();
        assertThat(tables()).containsExactly("godwit_history", "users");
        assertThat(godwit("down", "--all").exit()).isZero();
        assertThat(tables()).containsExactly("godwit_history");
        assertThat(history()).isEmpty();
    }

    @Test
    void statusAndValidateReportAppliedPendingAndEditedFiles() throws IOException {
        godwit("up", "--to", "2");
        Cli.Result status = godwit("status", "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        JsonNode doc = JSON.readTree(status.out());
        assertThat(doc.get("current").asText()).isEqualTo("2");
        assertThat(doc.get("applied").asInt()).isEqualTo(2);
        assertThat(doc.get("pending").asInt()).isEqualTo(1);
        assertThat(doc.get("migrations").get(2).get("state").asText()).isEqualTo("pending");
        assertThat(godwit("validate").exit()).isZero();

        write("1_create_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
        Cli.Result invalid = godwit("validate");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).contains("1 1_create_users.sql: changed since it was applied");
        assertThat(godwit("status").out()).contains("changed");
    }

    @Test
    void aDryRunPrintsTheSqlAndCreatesNeitherSchemaNorHistoryTable() {
        Cli.Result dry = godwit("up", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would apply 3 migration(s)").contains("CREATE FUNCTION post_count");
        assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")).isEqualTo("0");
    }

    @Test
    void aStatementThatCannotRunInATransactionGetsTheNoTransactionHint() throws IOException {
        write("4_index.sql", "-- migrate:up\nCREATE INDEX CONCURRENTLY users_name ON users (name);\n");
        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot run inside a transaction block")
                .contains("hint: PostgreSQL cannot run this statement inside a transaction: add "
                        + "'-- godwit:no-transaction' as the first line of the file");

        write("4_index.sql", "-- godwit:no-transaction\n-- migrate:up\n"
                + "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");
        Cli.Result fixed = godwit("up");
        assertThat(fixed.exit()).as(fixed.toString()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
                + "' AND indexname = 'users_name'")).isEqualTo("1");
    }

    @Test
    void aCopyWhoseOptionsFollowOnLaterLinesEndsAtItsSemicolonAsInPsql() throws IOException {
        write("4_copy.sql", """
                -- migrate:up
                CREATE TABLE my_table (a int, b text);
                COPY my_table (a, b)
                FROM STDIN
                WITH (FORMAT text);
                1\tone
                2\ttwo
                \\.
                INSERT INTO my_table VALUES (3, 'after');
                -- migrate:down
                DROP TABLE my_table;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(db.rows("SELECT a || '|' || b FROM " + schema + ".my_table ORDER BY a").stream()
                .map(row -> row.get(0)).toList()).containsExactly("1|one", "2|two", "3|after");
        assertThat(history()).contains("4|sql|true");
    }

    @Test
    void aUrlParameterTheDriverDoesNotKnowIsRefusedWithExitTwoBeforeAnyChange() {
        Cli.Result r = godwitAt(db.url() + "?sslmdoe=disable", Map.of(), "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown parameter sslmdoe").contains("pgjdbc");
        assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")).isEqualTo("0");

        Cli.Result known = godwitAt(db.url() + "?connect_timeout=5&sslmode=disable", Map.of(), "up");
        assertThat(known.exit()).as(known.toString()).isZero();
        assertThat(history()).hasSize(3);
    }

    @Test
    void anotherToolsHistoryTableIsNamedAsSuchAndLeftAlone() {
        db.execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + ".schema_migrations (version bigint "
                + "PRIMARY KEY, dirty boolean NOT NULL)", "INSERT INTO " + schema + ".schema_migrations VALUES (3, false)");

        Cli.Result r = godwit("--table", "schema_migrations", "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("exists but is not a Godwit history table").contains("columns are version, dirty")
                .contains("--table");
        assertThat(tables()).containsExactly("schema_migrations");
    }

    @Test
    void aFailedNoTransactionMigrationNeverSuggestsABackupThatPostgresDoesNotHave() throws IOException {
        assertThat(godwit("up").exit()).isZero();
        write("4_half.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE tags (id int);\n"
                + "INSERT INTO nowhere VALUES (1);\n");

        Cli.Result failed = godwit("up");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("nowhere").doesNotContainIgnoringCase("backup");

        Cli.Result again = godwit("up");
        assertThat(again.exit()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("4_half.sql: failed part-way").contains("godwit repair")
                .doesNotContainIgnoringCase("backup");
        assertThat(tables()).contains("tags");
    }

    @Test
    void baselineAdoptsADatabaseAndIsRefusedOnceHistoryHasRows() {
        db.execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + ".users (id serial PRIMARY KEY, name text)");
        Cli.Result b = godwit("baseline", "--version", "1", "--description", "made by hand", "--json");
        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(b.out()).contains("\"baseline\" : \"1\"");
        assertThat(godwit("status").out()).containsPattern("1 +create users +baseline");
        assertThat(db.scalar("SELECT description FROM " + schema + ".godwit_history")).isEqualTo("made by hand");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(history()).containsExactly("1|baseline|true", "2|sql|true", "3|sql|true");

        Cli.Result again = godwit("baseline", "--version", "3");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already has 3 row(s)");
    }

    @Test
    void theLockTimeoutExitsWithThreeNamingTheHolder() throws Exception {
        try (Connection holder = db.connect();
             PreparedStatement ps = holder.prepareStatement("SELECT set_config('application_name', 'other-deploy', "
                     + "false), pg_advisory_lock(?), pg_backend_pid()")) {
            ps.setLong(1, db.lockKey(schema, "godwit_history"));
            int pid;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pid = rs.getInt(3);
            }
            Cli.Result r = godwit("up", "--lock-timeout", "1", "--json");
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("pid " + pid).contains("other-deploy").contains("--lock-timeout");
            assertThat(JSON.readTree(r.out()).get("error").get("exit_code").asInt()).isEqualTo(3);
        }
        assertThat(tables()).isEmpty();
    }

    @Test
    void thePasswordNeverAppearsInOutputJsonOrErrors() {
        String secret = db.password();
        Cli.Result ok = godwit("up", "--json", "-v");
        Cli.Result status = godwit("status", "--json", "-v");
        String wrongUrl = db.url().replace(":" + secret + "@", ":N0tTheRightOne@");
        Cli.Result denied = godwitAt(wrongUrl, Map.of(), "status", "--json", "-v");
        Cli.Result missingDb = godwitAt(db.url().replace("/" + db.name(), "/no_such_db"), Map.of(), "up", "--json");
        Cli.Result refused = godwitAt(db.url().replace("@127.0.0.1:5432/", "@127.0.0.1:1/"), Map.of(), "status");

        assertThat(ok.exit()).isZero();
        assertThat(denied.exit()).isEqualTo(2);
        assertThat(denied.err()).contains("password authentication failed");
        assertThat(missingDb.exit()).isEqualTo(2);
        assertThat(missingDb.err()).contains("does not exist");
        for (Cli.Result r : List.of(ok, status, denied, missingDb, refused)) {
            assertThat(r.out() + r.err()).doesNotContain(":" + secret + "@").doesNotContain("password=" + secret)
                    .doesNotContain("N0tTheRightOne");
        }
        if (secret.length() >= 8 && !db.url().replace(secret, "").contains(secret)) {
            for (Cli.Result r : List.of(ok, status, denied, missingDb, refused)) {
                assertThat(r.out() + r.err()).doesNotContain(secret);
            }
        }
    }

    @Test
    void thePasswordCanComeFromPgpassword() {
        Cli.Result noPassword = godwitAt(db.urlWithoutPassword(), Map.of(), "status");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("PGPASSWORD");

        Cli.Result r = godwitAt(db.urlWithoutPassword(), Map.of("PGPASSWORD", db.password()), "up");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tables()).contains("users", "posts");
    }

    @Test
    void jdbcAndPostgresqlUrlsWorkToo() {
        String jdbc = "jdbc:postgresql://" + db.url().substring(db.url().indexOf('@') + 1)
                + "?user=" + "godwit" + "&password=" + db.password();
        Cli.Result r = godwitAt(jdbc, Map.of(), "up", "--step", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        Cli.Result s = godwitAt(db.url().replace("postgres://", "postgresql://"), Map.of(), "up");
        assertThat(s.exit()).as(s.toString()).isZero();
        assertThat(history()).hasSize(3);
    }

    @Test
    void aRehearsalRunsThePlanForRealInsideATransactionThatIsRolledBack() {
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        String catalog = db.dumpSchema();
        List<String> historyBefore = history();

        Cli.Result ok = godwit("up", "--rehearse");

        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.err()).contains("rehearsing on a transaction on PostgreSQL");
        assertThat(ok.out()).contains("2_create_posts.sql").contains("3_seed.sql");
        // the catalog and every row are as before; only sequences stay advanced (PostgreSQL never rolls them back)
        assertThat(db.dumpSchema()).isEqualTo(catalog);
        assertThat(db.rows("SELECT count(*) FROM " + schema + ".users")).containsExactly(List.of("0"));
        assertThat(history()).isEqualTo(historyBefore);

        assertThat(godwit("down", "--rehearse").exit()).isZero();
        assertThat(tables()).containsExactly("godwit_history", "users");
        assertThat(history()).isEqualTo(historyBefore);
    }

    @Test
    void aFailingRehearsalReportsTheFailureAndChangesNothing() throws IOException {
        write("4_broken.sql", "-- migrate:up\nCREATE TABLE t4 (id int);\nINSERT INTO nowhere VALUES (1);\n");
        String before = db.dumpSchema();

        Cli.Result r = godwit("up", "--rehearse");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("rehearsal failed").contains("4_broken.sql:3")
                .contains("relation \"nowhere\" does not exist");
        assertThat(db.dumpSchema()).isEqualTo(before);
        assertThat(history()).isEmpty();
    }

    @Test
    void aNoTransactionMigrationCannotBeRehearsedOnPostgres() throws IOException {
        write("4_concurrently.sql", "-- godwit:no-transaction\n-- migrate:up\n"
                + "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");

        Cli.Result r = godwit("up", "--rehearse");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot rehearse 4_concurrently.sql");
        assertThat(history()).isEmpty();
    }

    @Test
    void anUnterminatedDollarQuoteIsRefusedNamingFileAndLineBeforeAnyChange() throws IOException {
        write("4_function.sql", """
                -- migrate:up
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
                BEGIN
                  RETURN 1;
                END;
                $bod$;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("4_function.sql:2").contains("$body$");
        assertThat(tables()).isEmpty();
        assertThat(history()).isEmpty();
    }

    @Test
    void everyMigrationStartsFromTheSameSessionStateWhateverRanBeforeItInTheRun() throws IOException {
        write("4_elsewhere.sql", "-- migrate:up\nCREATE SCHEMA " + schema + "_elsewhere;\n"
                + "SET search_path TO " + schema + "_elsewhere;\nCREATE TABLE t1 (x int);\n"
                + "SET statement_timeout = '50ms';\n");
        write("5_after.sql", "-- migrate:up\nCREATE TABLE t2 (x int);\nSELECT pg_sleep(0.3);\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tables()).containsExactly("godwit_history", "posts", "t2", "users");
        assertThat(db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "_elsewhere'"))
                .isEqualTo("1");
        assertThat(history()).containsExactly("1|sql|true", "2|sql|true", "3|sql|true", "4|sql|true",
                "5|sql|true");
    }

    @Test
    void aMigrationThatSwitchesToALessPrivilegedRoleStillGetsItsHistoryRow() throws IOException {
        // the owner of a database may SET ROLE pg_database_owner, which has no rights on the history table
        write("4_as_owner_role.sql", "-- migrate:up\nSET ROLE pg_database_owner;\nSELECT current_user;\n");
        write("5_alone.sql", "-- godwit:no-transaction\n-- migrate:up\nSET ROLE pg_database_owner;\n"
                + "SELECT current_user;\n");
        write("6_table.sql", "-- migrate:up\nCREATE TABLE t6 (x int);\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(history()).containsExactly("1|sql|true", "2|sql|true", "3|sql|true", "4|sql|true",
                "5|sql|true", "6|sql|true");
        assertThat(db.scalar("SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema
                + "' AND tablename = 't6'")).isEqualTo("godwit");
    }

    @Test
    void aMigrationWaitingForATableLockGivesUpAfterTheLockTimeoutNamingTheBlocker() throws Exception {
        assertThat(godwit("up").exit()).isZero();
        write("4_email.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            int pid;
            try (java.sql.Statement s = holder.createStatement()) {
                s.execute("SET application_name = 'nightly-report'");
                s.execute("LOCK TABLE " + schema + ".users IN ACCESS EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
            }
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                long t0 = System.nanoTime();
                java.util.concurrent.Future<Cli.Result> run = ex.submit(() -> godwit("up", "--lock-timeout", "2"));
                Cli.Result r = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
                long s = (System.nanoTime() - t0) / 1_000_000_000L;

                assertThat(r.exit()).as(r.toString()).isEqualTo(3);
                assertThat(s).isBetween(1L, 20L);
                assertThat(r.err()).contains("4_email.sql:2").contains("pid " + pid).contains("nightly-report")
                        .contains("rolled back").contains("pg_terminate_backend(" + pid + ")")
                        .contains("--lock-timeout");
            } finally {
                holder.rollback();
                ex.shutdownNow();
            }
        }
        assertThat(history()).containsExactly("1|sql|true", "2|sql|true", "3|sql|true");
        assertThat(db.scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'users' AND column_name = 'email'")).isEqualTo("0");
        assertThat(godwit("up").exit()).isZero();
    }

    @Test
    void transactionControlInATransactionalMigrationIsRefusedBeforeAnyChange() throws IOException {
        write("4_fail.sql", "-- migrate:up\nCREATE TABLE b (x int);\nCOMMIT;\nCREATE TABLE c (x int);\n"
                + "SELECT * FROM nonexistent;\n");
        write("5_tx.sql", "-- migrate:up\nSTART TRANSACTION;\nCREATE TABLE d (x int);\nEND;\n");

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("4_fail.sql:3: COMMIT").contains("5_tx.sql:2: START TRANSACTION")
                .contains("5_tx.sql:4: END").contains("-- godwit:no-transaction");
        assertThat(tables()).isEmpty();
        assertThat(history()).isEmpty();
    }

    @Test
    void functionDoAndAtomicBodiesMayUseBeginAndEnd() throws IOException {
        write("4_bodies.sql", """
                -- migrate:up
                DO $$ BEGIN CREATE TABLE t4 (x int); END $$;
                CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                CREATE FUNCTION two() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                  RETURN 2;
                END;
                $$;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tables()).contains("t4");
        assertThat(history()).hasSize(4);
    }

    @Test
    void unlockNamesTheSessionHoldingTheLockAndHowToEndIt() throws Exception {
        Cli.Result none = godwit("unlock");
        assertThat(none.exit()).as(none.toString()).isZero();
        assertThat(none.out()).contains("no migration lock is held");

        try (Connection holder = db.connect();
             PreparedStatement ps = holder.prepareStatement("SELECT set_config('application_name', 'other-deploy', "
                     + "false), pg_advisory_lock(?), pg_backend_pid()")) {
            ps.setLong(1, db.lockKey(schema, "godwit_history"));
            int pid;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pid = rs.getInt(3);
            }

            Cli.Result r = godwit("unlock");

            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).doesNotContain("no migration lock is held");
            assertThat(r.err()).contains("held by pid " + pid).contains("other-deploy").contains("connected since")
                    .contains("SELECT pg_terminate_backend(" + pid + ")");
            assertThat(db.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = " + pid))
                    .isEqualTo("1");
        }
    }

    @Test
    void aRecordedDownSectionThatCommitsEarlyIsReportedAsWhatHappened() throws IOException {
        write("4_t4.sql", "-- migrate:up\nCREATE TABLE t4 (x int);\n-- migrate:down\nDROP TABLE t4;\n");
        assertThat(godwit("up").exit()).isZero();
        db.execute("UPDATE " + schema + ".godwit_history SET down_sql = E'DROP TABLE t4;\\nCOMMIT;\\n"
                + "CREATE TABLE t5 (x int);' WHERE version = '4'");

        Cli.Result r = godwit("down");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("ended Godwit's transaction early").doesNotContain("nothing of 4_t4.sql remains");
        assertThat(tables()).doesNotContain("t4", "t5");
        assertThat(history()).contains("4|sql|true");
    }
}
