package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several application instances start at once and each runs {@code godwit up} on one SQLite file: every migration
 * is applied exactly once, every process exits 0 and says what it applied or that another runner had.
 */
class ConcurrentRunnersIT {
    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 50;
    private static final int ROUNDS = Integer.getInteger("godwit.concurrency.rounds", 20);
    private static final Pattern APPLIED = Pattern.compile("applied (\\d+) migration\\(s\\)");

    @TempDir
    Path tmp;

    @Test
    void eightProcessesOnOneFileApplyFiftyMigrationsExactlyOnceEveryRound() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            Files.writeString(dir.resolve(String.format("%03d_table_%d.sql", i, i)), String.format("""
                    -- migrate:up
                    CREATE TABLE t_%03d (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
                    INSERT INTO t_%03d (v) VALUES ('once');
                    -- migrate:down
                    DROP TABLE t_%03d;
                    """, i, i, i), StandardCharsets.UTF_8);
        }
        List<String> expectedTables = IntStream.rangeClosed(1, MIGRATIONS).mapToObj(i -> String.format("t_%03d", i))
                .toList();
        int[] appliedBy = new int[PROCESSES + 1];
        int alreadyDoneReports = 0;
        int nothingToDoReports = 0;
        long t0 = System.nanoTime();

        for (int round = 1; round <= ROUNDS; round++) {
            Path db = tmp.resolve("round-" + round + ".db");
            List<Process> processes = new ArrayList<>();
            List<Path> outs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Path out = tmp.resolve("r" + round + "-p" + p + ".out");
                Path err = tmp.resolve("r" + round + "-p" + p + ".err");
                outs.add(out);
                processes.add(GodwitProcess.builder(tmp, List.of("--url", "sqlite:" + db, "--dir", dir.toString(),
                                "up")).redirectOutput(out.toFile()).redirectError(err.toFile()).start());
            }
            int sum = 0;
            int busy = 0;
            for (int p = 0; p < PROCESSES; p++) {
                Process proc = processes.get(p);
                boolean ended = proc.waitFor(120, TimeUnit.SECONDS);
                if (!ended) {
                    proc.destroyForcibly();
                }
                String out = Files.readString(outs.get(p));
                String err = Files.readString(tmp.resolve("r" + round + "-p" + p + ".err"));
                String where = "round " + round + ", process " + p + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
                assertThat(ended).as("ended in time: " + where).isTrue();
                assertThat(proc.exitValue()).as(where).isZero();
                Matcher m = APPLIED.matcher(out);
                int n;
                if (m.find()) {
                    n = Integer.parseInt(m.group(1));
                    if (out.contains("already done by another runner")) {
                        alreadyDoneReports++;
                    }
                } else {
                    assertThat(out).as(where).containsPattern("nothing to apply; current version: 0*50");
                    n = 0;
                    nothingToDoReports++;
                }
                if (n > 0) {
                    busy++;
                }
                sum += n;
            }
            appliedBy[busy]++;

            assertThat(sum).as("migrations applied across processes in round " + round).isEqualTo(MIGRATIONS);
            assertThat(SqliteDb.query(db, "SELECT count(*), count(DISTINCT version), sum(success) FROM "
                    + "godwit_history")).containsExactly(MIGRATIONS + "|" + MIGRATIONS + "|" + MIGRATIONS);
            assertThat(SqliteDb.tables(db)).containsExactlyElementsOf(expectedTables);
            String rows = String.join(" UNION ALL ", expectedTables.stream()
                    .map(t -> "SELECT count(*) FROM " + t).toList());
            assertThat(SqliteDb.query(db, rows)).as("each migration ran once").containsOnly("1");
            assertThat(SqliteDb.query(db, "PRAGMA integrity_check")).containsExactly("ok");
            assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_lock")).as("lease released")
                    .containsExactly("0");
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        System.out.printf("concurrent runners: %d rounds x %d processes x %d migrations in %d s; "
                        + "rounds where 1 process applied everything: %d, where 2+ shared the work: %d; "
                        + "reports 'already done by another runner': %d, 'nothing to apply': %d%n",
                ROUNDS, PROCESSES, MIGRATIONS, seconds, appliedBy[1], ROUNDS - appliedBy[1], alreadyDoneReports,
                nothingToDoReports);
    }
}
