package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real {@code godwit up} processes on a real PostgreSQL server: killed backends, a COMMIT
 * whose answer never arrives. Each test has a database of its own.
 */
class PostgresFaultsCliIT {
    @TempDir
    Path tmp;
    Path dir;
    PostgresTestDatabase db;

    @BeforeEach
    void setUp() throws IOException {
        db = PostgresTestDatabase.create();
        dir = Files.createDirectories(tmp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** A CLI process {@code godwit --url ... --dir ... up}, its output going to files named after it. */
    private Runner start(String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--url", db.urlWithoutPassword(), "--dir", dir.toString(),
                "--lock-timeout", "30", "up"));
        args.addAll(List.of(extra));
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder pb = GodwitProcess.builder(tmp, args).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PGPASSWORD", db.password());
        return new Runner(name, pb.start(), out, err);
    }

    private record Runner(String name, Process process, Path out, Path err) {
        int exit() throws Exception {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + " did not finish in 90 s\n" + this);
            }
            return process.exitValue();
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        @Override
        public String toString() {
            try {
                return name + " exit " + (process.isAlive() ? "(running)" : process.exitValue()) + "\n--- stdout\n"
                        + Files.readString(out) + "\n--- stderr\n" + Files.readString(err);
            } catch (IOException e) {
                return name + ": " + e;
            }
        }
    }

    /** Waits until {@code sql} (against this test's database) returns a row, and returns its first column. */
    private String await(String what, String sql, Runner runner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<List<String>> rows = db.rows(sql);
            if (!rows.isEmpty()) {
                return rows.get(0).get(0);
            }
            if (!runner.process().isAlive()) {
                fail(runner.name() + " ended before " + what + "\n" + runner);
            }
            Thread.sleep(20);
        }
        fail("timed out waiting for " + what + "\n" + runner);
        return null;
    }

    private String advisoryLockHolder(Runner runner) throws Exception {
        long key = db.lockKey("public", "godwit_history");
        return await("the advisory lock", "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND classid::bigint = " + (key >>> 32) + " AND objid::bigint = " + (key & 0xFFFF_FFFFL), runner);
    }

    private List<String> history() {
        return db.rows("SELECT version || ':' || success FROM godwit_history ORDER BY version").stream()
                .map(r -> r.get(0)).toList();
    }

    @Test
    void killingTheLockHoldersBackendStopsThatRunnerSoASecondRunnerNeverMigratesAlongsideIt() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_slow.sql", "-- migrate:up\nSELECT pg_sleep(4);\nCREATE TABLE b (id int);\n");
        write("3_c.sql", "-- migrate:up\nCREATE TABLE c (id int);\n");
        Runner a = start("runner-a");
        await("runner A in 2_slow.sql", "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(4)%' AND state = 'active'", a);

        // What a pooler, a proxy, idle_session_timeout or an operator does to the session holding the lock.
        String holder = advisoryLockHolder(a);
        db.execute("SELECT pg_terminate_backend(" + holder + ")");
        Runner b = start("runner-b");

        assertThat(a.exit()).as(a.toString()).isEqualTo(1);
        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(a.stderr()).contains("was lost while 2_slow.sql ran statement 1 of 2")
                .contains("terminating connection due to administrator command")
                .contains("2_slow.sql was not applied (its transaction was rolled back")
                .contains("applied by this run: 1 (1)")
                .doesNotContain("fix the statement");
        assertThat(b.stderr()).doesNotContain("FAILED");
        assertThat(history()).containsExactly("1:true", "2:true", "3:true");
        assertThat(db.tableExists("public", "b")).isTrue();
        assertThat(db.tableExists("public", "c")).isTrue();
    }

    @Test
    void theNextRunNamesTheServerProcessAKilledRunnerLeftRunningAndHowToEndIt() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        // As on a server before PostgreSQL 14, which does not notice a client that is gone while a statement runs.
        write("2_long.sql", "-- migrate:up\nCREATE TABLE b (id int);\nSET client_connection_check_interval = 0;\n"
                + "SELECT pg_sleep(6);\n");
        Runner a = start("runner-a");
        String pid = await("runner A in 2_long.sql", "SELECT pid FROM pg_stat_activity WHERE datname = "
                + "current_database() AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(6)%'", a);
        a.process().destroyForcibly(); // SIGKILL: the runner is gone, its server process is not told
        a.process().waitFor();

        Runner b = start("runner-b");

        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(b.stderr()).contains("waiting up to 30 s for the migration lock, held by pid " + pid
                        + ", application_name 'godwit'")
                .contains("that session is running a statement: if its runner is gone")
                .contains("SELECT pg_terminate_backend(" + pid + ") ends it");
        assertThat(history()).containsExactly("1:true", "2:true");
        assertThat(db.tableExists("public", "b")).isTrue();
    }

    @Test
    void aConnectionLostForGoodLeavesTheOutcomeUnknownAndSaysHowToFindOut() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_slow.sql", "-- migrate:up\nCREATE TABLE b (id int);\nSELECT pg_sleep(10);\n");
        Runner a = start("runner");
        String pid = await("the runner in 2_slow.sql", "SELECT pid FROM pg_stat_activity WHERE datname = "
                + "current_database() AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(10)%'", a);
        try (Connection su = db.connectAsSuperuser(); Statement s = su.createStatement()) {
            // The database stops taking connections, then the runner's session ends: it cannot look again.
            s.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
            try {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
                assertThat(a.exit()).as(a.toString()).isEqualTo(1);
            } finally {
                s.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
            }
        }

        assertThat(a.stderr()).contains("was lost while 2_slow.sql ran statement 2 of 2")
                .contains("the database could not be reached again, so whether 2_slow.sql was applied is unknown")
                .contains("'godwit status' shows whether 2 is applied")
                .doesNotContain("fix the statement");
        assertThat(history()).containsExactly("1:true");
    }

    @Test
    void aConnectionLostInANoTransactionMigrationSaysWhereItStoppedAndBlamesNoStatement() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_concurrently.sql", "-- godwit:no-transaction\n-- migrate:up\nCREATE TABLE b (id int);\n"
                + "SELECT pg_sleep(10);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n");
        Runner a = start("runner");
        String pid = await("the runner in 2_concurrently.sql", "SELECT pid FROM pg_stat_activity WHERE datname = "
                + "current_database() AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(10)%'", a);
        db.execute("SELECT pg_terminate_backend(" + pid + ")");

        assertThat(a.exit()).as(a.toString()).isEqualTo(1);
        assertThat(a.stderr()).contains("was lost while 2_concurrently.sql ran statement 2 of 3 (line 4)")
                .contains("ran without a transaction: the statements before that one stay applied")
                .contains("its history row says where it stopped")
                .contains("run 'godwit repair'")
                .doesNotContain("fix the statement");
        assertThat(db.scalar("SELECT success || ' ' || note FROM godwit_history WHERE version = '2'"))
                .startsWith("false ").contains("statement 2 of 3");
        assertThat(db.tableExists("public", "b")).isTrue();
    }

    @Test
    void aKilledRunnersServerProcessEndsItsMigrationWithinSecondsInsteadOfRunningOnHoldingItsLocks() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        write("2_long.sql", "-- migrate:up\nCREATE TABLE b (id int);\nSELECT pg_sleep(30);\n");
        Runner a = start("runner-a");
        String pid = await("runner A in 2_long.sql", "SELECT pid FROM pg_stat_activity WHERE datname = "
                + "current_database() AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(30)%'", a);
        a.process().destroyForcibly(); // SIGKILL: the runner is gone, its server process is not told
        a.process().waitFor();

        long t0 = System.nanoTime();
        while (!db.rows("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid).isEmpty()
                && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20)) {
            Thread.sleep(50);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(ms).as("ms until the killed runner's server process ended (its statement would run 30 s)")
                .isLessThan(5000);
        assertThat(db.rows("SELECT 1 FROM pg_locks WHERE pid = " + pid)).as("locks it held").isEmpty();
        assertThat(history()).containsExactly("1:true");
        assertThat(db.tableExists("public", "b")).isFalse();
    }

    @Test
    void aRunnerThatWaitedForTheLockSaysWhatTheOtherRunnerAppliedMeanwhile() throws Exception {
        write("1_slow.sql", "-- migrate:up\nSELECT pg_sleep(6);\nCREATE TABLE a (id int);\n");
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
        Runner a = start("runner-a");
        await("runner A in 1_slow.sql", "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'godwit' AND query LIKE 'SELECT pg_sleep(6)%'", a);

        Runner b = start("runner-b");

        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(b.stderr()).contains("waiting up to 30 s for the migration lock")
                .contains("another runner applied 2 migration(s) while this one waited for the lock: 1, 2");
        assertThat(history()).containsExactly("1:true", "2:true");
    }

    @Test
    void aMigrationThatReleasesTheLockDoesNotLetTheRunGoOnWithoutIt() throws Exception {
        write("1_unlock.sql", "-- migrate:up\nCREATE TABLE a (id int);\nSELECT pg_advisory_unlock_all();\n");
        write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");

        Runner a = start("runner");

        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(a.stderr()).contains("was no longer held by this run").contains("this run took it again");
        assertThat(history()).containsExactly("1:true", "2:true");
    }

    @Test
    void aConnectionLostDuringCommitOfAMigrationThatCommittedReportsItAsApplied() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        // Its COMMIT waits for a synchronous standby that never answers; the commit is already durable locally.
        write("2_committed.sql", "-- migrate:up\nCREATE TABLE b (id int);\nSET LOCAL synchronous_commit = on;\n");
        write("3_c.sql", "-- migrate:up\nCREATE TABLE c (id int);\n");
        try (Connection su = db.connectAsSuperuser(); Statement s = su.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_commit = 'local'");
            s.execute("ALTER SYSTEM SET synchronous_standby_names = 'godwit_test_standby_that_never_comes'");
            s.execute("SELECT pg_reload_conf()");
            Thread.sleep(300);
            try {
                Runner a = start("runner");
                String pid = await("COMMIT waiting for the standby", "SELECT pid FROM pg_stat_activity WHERE "
                        + "datname = current_database() AND application_name = 'godwit' AND wait_event = 'SyncRep'", a);
                db.execute("SELECT pg_terminate_backend(" + pid + ")");

                assertThat(a.exit()).as(a.toString()).isEqualTo(1);
                assertThat(a.stderr()).contains("was lost while 2_committed.sql was being recorded and committed")
                        .contains("2_committed.sql was applied (its transaction committed)")
                        .contains("applied by this run: 2 (1, 2)")
                        .doesNotContain("FAILED").doesNotContain("fix the statement")
                        .doesNotContain("reachable and writable");
            } finally {
                s.execute("ALTER SYSTEM RESET synchronous_standby_names");
                s.execute("ALTER SYSTEM RESET synchronous_commit");
                s.execute("SELECT pg_reload_conf()");
            }
        }
        assertThat(history()).containsExactly("1:true", "2:true");
        assertThat(db.tableExists("public", "b")).isTrue();

        Runner again = start("again");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(history()).containsExactly("1:true", "2:true", "3:true");
    }

    @Test
    void aConnectionLostDuringCommitOfAMigrationThatRolledBackReportsItAsNotApplied() throws Exception {
        write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        // A deferred constraint trigger runs at COMMIT: the backend is killed there, before the commit completes.
        write("2_deferred.sql", """
                -- migrate:up
                CREATE TABLE b (id int);
                CREATE FUNCTION slow_check() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_sleep(30);
                  RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER b_slow AFTER INSERT ON b DEFERRABLE INITIALLY DEFERRED
                  FOR EACH ROW EXECUTE FUNCTION slow_check();
                INSERT INTO b VALUES (1);
                """);
        Runner a = start("runner");
        String pid = await("COMMIT running the deferred trigger", "SELECT pid FROM pg_stat_activity WHERE "
                + "datname = current_database() AND application_name = 'godwit' AND wait_event = 'PgSleep'", a);
        db.execute("SELECT pg_terminate_backend(" + pid + ")");

        assertThat(a.exit()).as(a.toString()).isEqualTo(1);
        assertThat(a.stderr()).contains("was lost while 2_deferred.sql was being recorded and committed")
                .contains("2_deferred.sql was not applied (its transaction was rolled back: nothing of it remains)")
                .contains("applied by this run: 1 (1)")
                .doesNotContain("fix the statement").doesNotContain("reachable and writable");
        assertThat(history()).containsExactly("1:true");
        assertThat(db.tableExists("public", "b")).isFalse();
    }
}
