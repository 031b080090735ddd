package dev.godwit.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.dialect.Change;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Directives;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.State;
import dev.godwit.sql.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL session against a real server: each test works in a schema of its own. */
class PostgresSessionIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PostgresTestDatabase db;

    @TempDir
    Path dir;

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

    private static String newSchema() {
        return "s" + SCHEMAS.incrementAndGet();
    }

    private GodwitConfig.Builder config(String schema) {
        return GodwitConfig.builder().url(db.url()).migrations(dir).schema(schema)
                .lockTimeout(Duration.ofSeconds(5));
    }

    private Godwit godwit(String schema) {
        return Godwit.create(config(schema).build());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<AppliedMigration> history(String schema) {
        try (DatabaseSession s = new PostgresDialect().open(config(schema).build())) {
            return s.readHistory();
        }
    }

    @Test
    void createsTheSchemaWhenMissingAndKeepsTheHistoryTableThere() throws IOException {
        String schema = newSchema();
        write("1_people.sql", "-- migrate:up\nCREATE TABLE people (id int PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE people;\n");
        godwit(schema).up(PlanRequest.Up.all(), false);
        assertThat(db.tableExists(schema, "people")).as("unqualified names land in the schema").isTrue();
        assertThat(db.tableExists(schema, "godwit_history")).isTrue();
        assertThat(db.tableExists("public", "people")).isFalse();
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1");
    }

    @Test
    void readingStatusOrADryRunLeavesTheDatabaseUntouched() throws IOException {
        String schema = newSchema();
        write("1_t.sql", "-- migrate:up\nCREATE TABLE t (id int);\n");
        Godwit g = godwit(schema);
        assertThat(g.status().entries()).extracting(e -> e.state()).containsExactly(State.PENDING);
        assertThat(g.up(PlanRequest.Up.all(), true).steps()).hasSize(1);
        assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")).isEqualTo("0");
    }

    @Test
    void rollsBackTheWholeMigrationWhenTheThirdStatementFails() throws IOException {
        String schema = newSchema();
        write("1_ok.sql", "-- migrate:up\nCREATE TABLE ok (id int);\n");
        write("2_bad.sql", "-- migrate:up\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"
                + "INSERT INTO nowhere VALUES (1);\nCREATE TABLE b (id int);\n");
        assertThatThrownBy(() -> godwit(schema).up(PlanRequest.Up.all(), false))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("2_bad.sql:4").contains("statement 3 of 4")
                            .contains("INSERT INTO nowhere")
                            .contains("nowhere").contains("rolled back");
                });
        assertThat(db.tableExists(schema, "ok")).isTrue();
        assertThat(db.tableExists(schema, "a")).isFalse();
        assertThat(db.tableExists(schema, "b")).isFalse();
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1");
    }

    @Test
    void copyFromStdinSendsTheInlineRowsThroughTheCopyApi() {
        String schema = newSchema();
        GodwitConfig cfg = config(schema).build();
        try (DatabaseSession s = new PostgresDialect().open(cfg)) {
            s.ensureHistoryTable();
            List<Statement> sts = List.of(new Statement("CREATE TABLE fruit (id int, name text)", 1),
                    new Statement("COPY fruit (id, name) FROM stdin", 2, "1\tapple\n2\tpear; with semicolon\n"
                            + "3\t\\N\n"));
            AppliedMigration row = new AppliedMigration(Version.parse("1"), "fruit", "1_fruit.sql", "sha256:x", null,
                    AppliedMigration.SQL, "2025-01-01T00:00:00Z", "test", 0, true, null);
            assertThat(s.apply(new Change(Direction.UP, row.version(), row.script(), sts, row, Directives.NONE)))
                    .isEqualTo(DatabaseSession.Outcome.DONE);
        }
        assertThat(db.rows("SELECT id, name FROM " + schema + ".fruit ORDER BY id")).containsExactly(
                List.of("1", "apple"), Arrays.asList("2", "pear; with semicolon"), Arrays.asList("3", null));
    }

    @Test
    void aCreateIndexConcurrentlyWithoutTheDirectiveFailsSayingToAddIt() throws IOException {
        String schema = newSchema();
        write("1_t.sql", "-- migrate:up\nCREATE TABLE t (id int);\n");
        write("2_idx.sql", "-- migrate:up\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        assertThatThrownBy(() -> godwit(schema).up(PlanRequest.Up.all(), false))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("cannot run inside a transaction block");
                    assertThat(e.hint()).contains("-- godwit:no-transaction").contains("first line");
                });
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1");
    }

    @Test
    void aNoTransactionMigrationRunsCreateIndexConcurrentlyAndVacuum() throws IOException {
        String schema = newSchema();
        write("1_t.sql", "-- migrate:up\nCREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 100);\n");
        write("2_idx.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n"
                + "VACUUM ANALYZE t;\n-- migrate:down\nDROP INDEX CONCURRENTLY t_id;\n");
        godwit(schema).up(PlanRequest.Up.all(), false);
        assertThat(db.scalar("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema
                + "' AND tablename = 't'"))
                .isEqualTo("t_id");
        assertThat(history(schema)).allSatisfy(a -> assertThat(a.success()).isTrue()).hasSize(2);
        godwit(schema).down(PlanRequest.Down.one(), false);
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "' AND tablename = 't'"))
                .isEqualTo("0");
    }

    @Test
    void baselineRecordsAVersionWithoutRunningItAndUpAppliesOnlyNewerOnes() throws IOException {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
        write("3_c.sql", "-- migrate:up\nCREATE TABLE c (id int);\n");
        AppliedMigration row = godwit(schema).baseline(Version.parse("2"), "adopted by hand");
        assertThat(row.isBaseline()).isTrue();
        assertThat(godwit(schema).status().entries()).extracting(e -> e.state())
                .containsExactly(State.BASELINE, State.BASELINE, State.PENDING);
        godwit(schema).up(PlanRequest.Up.all(), false);
        assertThat(db.tableExists(schema, "a")).isFalse();
        assertThat(db.tableExists(schema, "c")).isTrue();
        assertThatThrownBy(() -> godwit(schema).baseline(Version.parse("3"), null))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("already has 2 row(s)");
                });
    }

    @Test
    void theLockTimesOutNamingTheSessionThatHoldsIt() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        try (Connection holder = db.connect()) {
            int pid = holdLock(holder, schema, "someone-else");
            Godwit g = Godwit.create(config(schema).lockTimeout(Duration.ofSeconds(1)).build());
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> g.up(PlanRequest.Up.all(), false))
                    .isInstanceOfSatisfying(GodwitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.code().exitCode()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("pid " + pid).contains("someone-else")
                                .contains("connected since");
                        assertThat(e.hint()).contains("--lock-timeout");
                    });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(900L, 5_000L);
        }
        assertThat(db.tableExists(schema, "a")).isFalse();
    }

    @Test
    void waitsForTheLockAndAnnouncesWhoHoldsIt() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        List<String> infos = new ArrayList<>();
        GodwitListener listener = new GodwitListener() {
            @Override
            public void info(String message) {
                synchronized (infos) {
                    infos.add(message);
                }
            }
        };
        Connection holder = db.connect();
        holdLock(holder, schema, "slow-deploy");
        CompletableFuture<?> run = CompletableFuture.runAsync(() ->
                Godwit.create(config(schema).listener(listener).lockTimeout(Duration.ofSeconds(20)).build())
                        .up(PlanRequest.Up.all(), false));
        Thread.sleep(700);
        assertThat(run).isNotDone();
        holder.close(); // a crashed runner: its session ends, so does its lock
        run.get(20, TimeUnit.SECONDS);
        assertThat(db.tableExists(schema, "a")).isTrue();
        synchronized (infos) {
            assertThat(infos).anySatisfy(m -> assertThat(m).contains("waiting").contains("slow-deploy"));
        }
    }

    @Test
    void aTerminatedHoldersLockIsGoneAtOnce() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        try (Connection holder = db.connect()) {
            int pid = holdLock(holder, schema, "crashing");
            db.execute("SELECT pg_terminate_backend(" + pid + ")");
            godwit(schema).up(PlanRequest.Up.all(), false);
        }
        assertThat(db.tableExists(schema, "a")).isTrue();
    }

    @Test
    void theLockIsReleasedAfterTheRun() throws IOException {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        godwit(schema).up(PlanRequest.Up.all(), false);
        try (DatabaseSession s = new PostgresDialect().open(config(schema).lockTimeout(Duration.ZERO).build());
             MigrationLock lock = s.lock(Duration.ZERO)) {
            assertThat(lock).isNotNull();
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    @Test
    void passwordsNeverAppearInErrors() throws IOException {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        String wrong = "Wr0ngPassw0rd";
        String url = db.url().replace(":" + db.password() + "@", ":" + wrong + "@");
        GodwitConfig cfg = GodwitConfig.builder().url(url).migrations(dir).build();
        assertThat(cfg.toString()).doesNotContain(wrong);
        assertThatThrownBy(() -> Godwit.create(cfg).status())
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).doesNotContain(wrong).contains("password authentication failed");
                    assertThat(e.hint()).doesNotContain(wrong);
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
                    }
                });
    }

    @Test
    void thePasswordCanComeFromTheConfigurationInsteadOfTheUrl() throws IOException {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        Godwit.create(GodwitConfig.builder().url(db.urlWithoutPassword()).password(db.password()).migrations(dir)
                .schema(schema).build()).up(PlanRequest.Up.all(), false);
        assertThat(db.tableExists(schema, "a")).isTrue();
    }

    @Test
    void connectionsIdentifyThemselvesAsGodwit() throws IOException {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a AS SELECT application_name FROM pg_stat_activity "
                + "WHERE pid = pg_backend_pid();\n");
        godwit(schema).up(PlanRequest.Up.all(), false);
        assertThat(db.scalar("SELECT application_name FROM " + schema + ".a")).isEqualTo("godwit");
    }

    /**
     * Each migration commits without waiting for the disk (synchronous_commit = off); the run makes them durable
     * before it returns. The log position after each migration's commit is taken in a callback; once the run has
     * returned, the server must have flushed its log at least that far (the database commits synchronously by
     * default here, as servers do; the test server is started with it off). PostgreSQL's WAL writer usually
     * flushes such commits within milliseconds too, so this states the guarantee more than it can catch its loss.
     */
    @Test
    void everyMigrationARunCommittedIsOnDiskWhenItReturns() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n");
        List<String> logPositions = new ArrayList<>();
        withSynchronousCommit(() -> Godwit.create(config(schema).callback(logPositionAfterEach(logPositions)).build())
                .up(PlanRequest.Up.all(), false));
        assertThat(logPositions).hasSize(2);
        assertThat(db.scalar("SELECT pg_current_wal_flush_lsn() >= '" + logPositions.get(1) + "'::pg_lsn"))
                .as("the log is on disk up to the last migration's commit").isEqualTo("t");
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1", "2");
    }

    @Test
    void aFailureInTheThirdMigrationLeavesTheFirstTwoAppliedAndOnDisk() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
        write("3_bad.sql", "-- migrate:up\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE c (id int);\n");
        List<String> logPositions = new ArrayList<>();
        assertThatThrownBy(() -> withSynchronousCommit(() -> Godwit.create(config(schema)
                .callback(logPositionAfterEach(logPositions)).build()).up(PlanRequest.Up.all(), false)))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.getMessage())
                        .contains("3_bad.sql:2").contains("nowhere").contains("rolled back"));
        assertThat(logPositions).hasSize(2);
        assertThat(db.scalar("SELECT pg_current_wal_flush_lsn() >= '" + logPositions.get(1) + "'::pg_lsn"))
                .as("the log is on disk up to the second migration's commit").isEqualTo("t");
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1", "2");
        assertThat(db.tableExists(schema, "b")).isTrue();
        assertThat(db.tableExists(schema, "c")).isFalse();
    }

    /**
     * A migration that changes the session's transaction defaults (here: read only) does not change how the next
     * one's transaction begins: every migration starts from the session as Godwit opened it.
     */
    @Test
    void aMigrationThatMakesLaterTransactionsReadOnlyDoesNotStopTheNextOne() throws Exception {
        String schema = newSchema();
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\nSET default_transaction_read_only = on;\n");
        List<String> warnings = new ArrayList<>();
        GodwitListener listener = new GodwitListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        withSynchronousCommit(() -> Godwit.create(config(schema).listener(listener).build())
                .up(PlanRequest.Up.all(), false));
        assertThat(warnings).as("the run ends as usual, its last commit made durable").isEmpty();
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n"
                + "SET default_transaction_read_only = on;\nSET default_transaction_isolation = 'serializable';\n");
        write("3_c.sql", "-- migrate:up\nCREATE TABLE c (level text);\n"
                + "INSERT INTO c VALUES (current_setting('transaction_isolation'));\n");
        Godwit.create(config(schema).listener(listener).build()).up(PlanRequest.Up.all(), false);
        assertThat(warnings).isEmpty();
        assertThat(history(schema)).extracting(a -> a.version().text()).containsExactly("1", "2", "3");
        assertThat(db.scalar("SELECT level FROM " + schema + ".c")).isEqualTo("read committed");
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Runs {@code run} with the test database committing synchronously by default, as a server does. */
    private static void withSynchronousCommit(Run run) throws Exception {
        db.execute("ALTER DATABASE " + db.name() + " SET synchronous_commit = on");
        try {
            run.run();
        } finally {
            db.execute("ALTER DATABASE " + db.name() + " RESET synchronous_commit");
        }
    }

    /** A callback that notes the server's log position after each migration committed. */
    private static dev.godwit.GodwitCallback logPositionAfterEach(List<String> positions) {
        return (moment, context) -> {
            if (moment == dev.godwit.GodwitCallback.Moment.AFTER_EACH) {
                try (java.sql.Statement s = context.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
                    rs.next();
                    positions.add(rs.getString(1));
                }
            }
        };
    }

    /** Takes Godwit's advisory lock for a schema on a connection of the test's; returns its pid. */
    private static int holdLock(Connection c, String schema, String applicationName) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false), "
                + "pg_advisory_lock(?), pg_backend_pid()")) {
            ps.setString(1, applicationName);
            ps.setLong(2, db.lockKey(schema, GodwitConfig.DEFAULT_TABLE));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(3);
            }
        }
    }
}
