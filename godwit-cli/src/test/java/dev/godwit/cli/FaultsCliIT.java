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
}
