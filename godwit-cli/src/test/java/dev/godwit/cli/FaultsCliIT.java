package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Godwit says when things go wrong at scale or underneath it, on real SQLite files through the CLI. */
class FaultsCliIT {
    @TempDir
    Path tmp;
    CliProject f;

    @BeforeEach
    void setUp() throws IOException {
        f = new CliProject(tmp);
    }

    private void writeMigrations(int from, int to) {
        for (int i = from; i <= to; i++) {
            f.write(i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (x);\n-- migrate:down\nDROP TABLE t"
                    + i + ";\n");
        }
    }

    @Test
    void aFullDiskAtCommitSaysSoThatTheMigrationWasRolledBackAndWhatWasAppliedBeforeIt() throws Exception {
        f.write("1_a.sql", "-- migrate:up\nCREATE TABLE a (x);\n");
        assertThat(f.godwit("up", "--no-backup").exit()).isZero();
        f.write("2_b.sql", "-- migrate:up\nCREATE TABLE b (x);\n");
        // About 300 KiB of rows: they stay in SQLite's page cache until COMMIT writes them out, past the limit.
        f.write("3_big.sql", """
                -- migrate:up
                CREATE TABLE big (id INTEGER PRIMARY KEY, data BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO big (id, data) SELECT i, randomblob(1000) FROM n;
                """);
        List<String> schemaBefore = SqliteDb.schema(f.db);
        assertThat(Files.size(f.db)).isLessThan(100 * 1024);

        // Files that cannot grow past 100 KiB (RLIMIT_FSIZE): what a full disk does to SQLite's writes.
        Process p = GodwitProcess.withFileSizeLimit(tmp, tmp.resolve("native"), 100,
                        List.of(f.withDb("up", "--no-backup")))
                .redirectOutput(tmp.resolve("up.out").toFile()).redirectError(tmp.resolve("up.err").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = stderrOfUp();

        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).containsPattern("the disk holding .*app.db is full|writing .*app.db failed with an I/O error "
                        + "\\(most often a full disk")
                .contains("3_big.sql was rolled back: nothing of it remains")
                .contains("this run already applied 1 migration(s) before it: 2")
                .contains("free disk space")
                .doesNotContain("reachable and writable").doesNotContain("fix the statement");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1");
        assertThat(SqliteDb.tables(f.db)).contains("b").doesNotContain("big");
        assertThat(SqliteDb.schema(f.db)).containsAll(schemaBefore);
    }

    @Test
    void aFailureAfterManyAppliedMigrationsSummarisesThemInsteadOfListingEachOne() {
        writeMigrations(1, 1500);
        f.write("1501_broken.sql", "-- migrate:up\nINSERT INTO nowhere VALUES (1);\n");

        Cli.Result r = f.godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("this run already applied 1500 migration(s) before it: 1, 2, 3, ... 1499, 1500 "
                + "(1500 in all)");
        assertThat(r.err().lines().mapToInt(String::length).max().orElse(0)).isLessThan(300);
        assertThat(SqliteDb.history(f.db)).hasSize(1500);
    }

    @Test
    void aRefusalWithManyProblemsShowsTheFirstAndCountsTheRest() throws IOException {
        writeMigrations(1, 300);
        assertThat(f.godwit("up", "--no-backup").exit()).isZero();
        for (int i = 1; i <= 300; i++) {
            Files.writeString(f.dir.resolve(i + "_t" + i + ".sql"), "-- migrate:up\nCREATE TABLE t" + i
                    + " (x, y);\n-- migrate:down\nDROP TABLE t" + i + ";\n");
        }

        Cli.Result r = f.godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("300 problems, nothing was changed").contains("... and 280 more");
        assertThat(r.err().lines().count()).isLessThan(30);
    }

    @Test
    void aRunnerInAnotherPidNamespaceDoesNotTakeTheLeaseOfALiveRunnerOnTheSameHost() throws Exception {
        f.write("1_fast.sql", "-- migrate:up\nCREATE TABLE a (x);\n");
        // Some seconds of reading without a transaction: the runner holds the lease but not SQLite's write lock.
        f.write("2_slow.sql", """
                -- godwit:no-transaction
                -- migrate:up
                CREATE TABLE counted (n INTEGER);
                SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000)
                                      SELECT x FROM c);
                """);
        assertThat(f.godwit("up", "--step", "1").exit()).isZero();
        Process first = GodwitProcess.builder(tmp, List.of(f.withDb("up"))).start();
        try {
            awaitLeaseRow(first);
            // Same host name, but a PID namespace of its own (as a second container would have): from there the
            // first runner's pid looks free. A restore takes the migration lock too, and must not run under a live
            // runner.
            ProcessBuilder second = GodwitProcess.builder(tmp, List.of(f.withDb("restore", "--yes",
                    "--lock-timeout", "2")));
            List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
            command.addAll(second.command());
            second.command(command);
            Process p = second.start();
            p.getOutputStream().close();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(first.isAlive()).as("the first runner is still migrating").isTrue();
            assertThat(err).contains("another runner holds the migration lock").doesNotContain("took over");
            assertThat(p.exitValue()).as(err).isEqualTo(3);
        } finally {
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).isZero();
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1", "2|1");
    }

    private void awaitLeaseRow(Process runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(runner.isAlive()).as("the first runner ended before it took the lease").isTrue();
            if (Files.exists(f.db)) {
                try {
                    if (SqliteDb.query(f.db, "SELECT count(*) FROM godwit_lock").equals(List.of("1"))) {
                        return;
                    }
                } catch (AssertionError notYet) {
                    // no lock table yet
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first runner took no lease within 60 s");
    }

    private static final String BUSY_WORK = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "
            + "SELECT count(*) FROM c";

    private Process startUp() throws IOException {
        return GodwitProcess.builder(tmp, List.of(f.withDb("up", "--no-backup")))
                .redirectOutput(tmp.resolve("up.out").toFile()).redirectError(tmp.resolve("up.err").toFile()).start();
    }

    private String stderrOfUp() throws IOException {
        return Files.readString(tmp.resolve("up.err"), StandardCharsets.UTF_8);
    }

    private void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private void awaitHistoryRows(Process runner, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(runner.isAlive()).as("the runner ended early").isTrue();
            try {
                if (Integer.parseInt(SqliteDb.query(f.db, "SELECT count(*) FROM godwit_history").get(0)) >= rows) {
                    return;
                }
            } catch (AssertionError notYet) {
                // no history table yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + rows + " history rows within 60 s");
    }

    @Test
    void sigtermStopsAfterTheMigrationInFlightReleasesTheLockAndSaysWhatWasAppliedAndWhatNot() throws Exception {
        for (int i = 1; i <= 40; i++) {
            f.write(i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (n INTEGER);\nINSERT INTO t" + i
                    + " " + BUSY_WORK.formatted(300_000) + ";\n");
        }
        Process up = startUp();
        awaitHistoryRows(up, 3);

        up.destroy(); // SIGTERM

        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = stderrOfUp();
        assertThat(up.exitValue()).as(err).isEqualTo(143);
        List<String> history = SqliteDb.history(f.db);
        assertThat(history).hasSizeBetween(3, 39).allMatch(row -> row.endsWith("|1"));
        assertThat(err).contains("stopped by SIGTERM before ")
                .contains("applied by this run: " + history.size() + " (")
                .contains("not applied: " + (40 - history.size()) + " (")
                .contains("hint: run the command again to carry on");
        assertThat(SqliteDb.tables(f.db).stream().filter(t -> t.matches("t\\d+"))).hasSize(history.size());
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM godwit_lock")).as("lease released").containsExactly("0");

        assertThat(f.godwit("up", "--no-backup").exit()).isZero();
        assertThat(SqliteDb.history(f.db)).hasSize(40);
    }

    @Test
    void sigintCancelsAMigrationStillRunningAfterTheGracePeriodAndItRollsBack() throws Exception {
        f.write("1_first.sql", "-- migrate:up\nCREATE TABLE first (n INTEGER);\n");
        f.write("2_long.sql", "-- migrate:up\nCREATE TABLE long (n INTEGER);\nINSERT INTO long "
                + BUSY_WORK.formatted(400_000_000) + ";\n");
        Process up = startUp();
        awaitHistoryRows(up, 1);
        Thread.sleep(300);
        long t0 = System.nanoTime();

        signal(up, "INT");

        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String err = stderrOfUp();
        assertThat(up.exitValue()).as(err).isEqualTo(130);
        assertThat(seconds).as("cancelled after the grace period, not run to its end").isLessThan(15);
        assertThat(err).contains("stopped by SIGINT while 2_long.sql ran: it was cancelled and rolled back")
                .contains("applied by this run: 1 (1)").contains("not applied: 1 (2)");
        assertThat(SqliteDb.tables(f.db)).contains("first").doesNotContain("long");
        assertThat(SqliteDb.history(f.db)).containsExactly("1|1");
        assertThat(SqliteDb.query(f.db, "SELECT count(*) FROM godwit_lock")).as("lease released").containsExactly("0");
    }

    @Test
    void aSecondSignalStopsAtOnce() throws Exception {
        f.write("1_long.sql", "-- migrate:up\nCREATE TABLE long (n INTEGER);\nINSERT INTO long "
                + BUSY_WORK.formatted(400_000_000) + ";\n");
        Process up = startUp();
        awaitLeaseRow(up);
        Thread.sleep(300);
        long t0 = System.nanoTime();

        signal(up, "TERM");
        Thread.sleep(200);
        signal(up, "TERM");

        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(Stopping.GRACE_SECONDS * 1000L);
        assertThat(up.exitValue()).isEqualTo(143);
        assertThat(stderrOfUp()).contains("SIGTERM again: stopping at once");
        assertThat(SqliteDb.tables(f.db)).doesNotContain("long");
    }
}
