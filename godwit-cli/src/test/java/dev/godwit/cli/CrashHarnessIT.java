package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code godwit up} with SIGKILL at random moments of a run of 200 migrations (a fifth of them
 * {@code -- godwit:no-transaction}) and checks, after every kill, that the database is intact, that {@code status}
 * and {@code validate} tell the truth, and that the next {@code up} (after {@code repair} where a non-transactional
 * migration was cut in half) finishes the job.
 *
 * <p>Seeded: {@code -Dgodwit.crash.seed=N} replays a run, {@code -Dgodwit.crash.trials=N} changes its length.
 */
class CrashHarnessIT {
    private static final int MIGRATIONS = 200;
    private static final int TRIALS = Integer.getInteger("godwit.crash.trials", 50);
    private static final long SEED = Long.getLong("godwit.crash.seed", 20_250_501L);
    private static final int NO_TX_STATEMENTS = 4;
    private static final Pattern IN_PROGRESS = Pattern.compile("applying  (\\d{3})_\\w+\\.sql \\.\\.\\. $");
    private static final Pattern INTERRUPTED = Pattern.compile(
            "interrupted at statement (\\d+) of " + NO_TX_STATEMENTS + " \\(line (\\d+)\\)");

    @TempDir
    Path tmp;
    Path dir;

    /** Every fifth migration runs without a transaction. */
    private static boolean noTransaction(int v) {
        return v % 5 == 0;
    }

    @Test
    void killingTheRunnerAtRandomMomentsNeverLeavesTheDatabaseBetweenStates() throws Exception {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        writeMigrations();
        Random random = new Random(SEED);
        Map<String, Integer> landed = new LinkedHashMap<>();
        for (String k : List.of("startup or lock", "inside a transactional migration",
                "inside a no-transaction migration", "between migrations", "after the run ended")) {
            landed.put(k, 0);
        }
        int repairs = 0;
        int takeovers = 0;

        long runMs = calibrate();
        System.out.printf("crash harness: seed %d, %d trials, %d migrations (%d without a transaction), "
                + "an uninterrupted run takes %d ms after start-up%n", SEED, TRIALS, MIGRATIONS,
                MIGRATIONS / 5, runMs);

        for (int trial = 1; trial <= TRIALS; trial++) {
            Path db = tmp.resolve("trial-" + trial + ".db");
            Killed k = runAndKill(db, random, runMs);
            String where = "trial " + trial + " (seed " + SEED + ")\n--- runner stderr\n" + k.stderr;

            // The file is intact and history matches the schema, migration by migration.
            assertThat(SqliteDb.query(db, "PRAGMA integrity_check")).as(where).containsExactly("ok");
            Truth truth = checkHistoryAgainstSchema(db, where);
            String kind = classify(k, truth);
            landed.merge(kind, 1, Integer::sum);

            // status and validate describe that truth.
            Map<String, String> env = new HashMap<>();
            Cli.Result status = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "status");
            assertThat(status.exit()).as(where + status).isZero();
            assertThat(status.out()).as(where).contains("applied: " + truth.applied + ", pending: "
                    + (MIGRATIONS - truth.applied - (truth.failed == null ? 0 : 1)));
            Cli.Result validate = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "validate");
            if (truth.failed == null) {
                assertThat(validate.exit()).as(where + validate).isZero();
            } else {
                String v = String.format("%03d", truth.failed);
                assertThat(status.out()).as(where).containsPattern(v + "\\s+\\S+ \\d+\\s+failed")
                        .contains(v + ": interrupted at statement " + truth.failedAt + " of " + NO_TX_STATEMENTS);
                assertThat(validate.exit()).as(where + validate).isEqualTo(1);
                assertThat(validate.out()).as(where).contains("interrupted at statement " + truth.failedAt);

                // The next up refuses and says what to do; repair clears the row; the statements are re-runnable.
                Cli.Result refused = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "up");
                assertThat(refused.exit()).as(where + refused).isEqualTo(2);
                assertThat(refused.err()).as(where).contains("interrupted at statement").contains("godwit repair");
                Cli.Result repair = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "repair",
                        "--yes");
                assertThat(repair.exit()).as(where + repair).isZero();
                assertThat(repair.out()).as(where).contains("remove failed row " + v);
                repairs++;
                if (repair.err().contains("took over the migration lock")) {
                    takeovers++;
                }
            }

            // The next up finishes the job.
            Cli.Result up = Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "up");
            assertThat(up.exit()).as(where + up).isZero();
            if (up.err().contains("took over the migration lock")) {
                takeovers++;
            }
            assertThat(SqliteDb.query(db, "PRAGMA integrity_check")).as(where).containsExactly("ok");
            Truth after = checkHistoryAgainstSchema(db, where);
            assertThat(after.applied).as(where).isEqualTo(MIGRATIONS);
            assertThat(Cli.run(env, "--url", "sqlite:" + db, "--dir", dir.toString(), "validate").exit())
                    .as(where).isZero();
            Files.deleteIfExists(db);
            Files.deleteIfExists(Path.of(db + "-wal"));
            Files.deleteIfExists(Path.of(db + "-shm"));
        }

        StringBuilder report = new StringBuilder("crash harness: " + TRIALS + " SIGKILL trials, seed " + SEED
                + "; kills landed: ");
        landed.forEach((k, n) -> report.append(k).append(' ').append(n).append(", "));
        report.append("repairs needed ").append(repairs).append(", stale leases taken over ").append(takeovers);
        System.out.println(report);
        Files.writeString(Path.of("target", "crash-harness.txt"), report + "\n");
        assertThat(landed.get("inside a transactional migration") + landed.get("inside a no-transaction migration"))
                .as("the harness is not vacuous: kills land inside migrations").isGreaterThanOrEqualTo(TRIALS / 5);
    }

    private void writeMigrations() throws IOException {
        for (int v = 1; v <= MIGRATIONS; v++) {
            String name = String.format("%03d_%s_%d.sql", v, noTransaction(v) ? "rebuild" : "table", v);
            String text = noTransaction(v) ? String.format("""
                    -- godwit:no-transaction
                    -- migrate:up
                    CREATE TABLE IF NOT EXISTS n_%1$03d (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
                    INSERT OR IGNORE INTO n_%1$03d (id, v) SELECT x, hex(randomblob(24)) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300) SELECT x FROM c);
                    CREATE INDEX IF NOT EXISTS n_%1$03d_v ON n_%1$03d (v);
                    INSERT OR IGNORE INTO n_%1$03d (id, v) SELECT x + 300, hex(randomblob(24)) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300) SELECT x FROM c);
                    -- migrate:down
                    DROP TABLE n_%1$03d;
                    """, v) : String.format("""
                    -- migrate:up
                    CREATE TABLE t_%1$03d (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
                    INSERT INTO t_%1$03d (v) SELECT hex(randomblob(24)) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200) SELECT x FROM c);
                    CREATE INDEX t_%1$03d_v ON t_%1$03d (v);
                    -- migrate:down
                    DROP TABLE t_%1$03d;
                    """, v);
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        }
    }

    /** One uninterrupted run as a process: it must succeed; returns its duration after the first migration. */
    private long calibrate() throws Exception {
        Path db = tmp.resolve("calibration.db");
        Runner r = Runner.start(tmp, db, dir);
        assertThat(r.firstMigration.await(60, TimeUnit.SECONDS)).as("the runner starts").isTrue();
        long t0 = System.nanoTime();
        assertThat(r.process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        r.drained.await(10, TimeUnit.SECONDS);
        assertThat(r.process.exitValue()).as(r.stderr()).isZero();
        assertThat(checkHistoryAgainstSchema(db, "calibration").applied).isEqualTo(MIGRATIONS);
        return ms;
    }

    private record Killed(String stderr, boolean endedByItself, boolean beforeFirstMigration) {
    }

    /** Starts a runner and kills it: 10% of the time during start-up, else at a random point of its run. */
    private Killed runAndKill(Path db, Random random, long runMs) throws Exception {
        boolean early = random.nextInt(10) == 0;
        long delay = early ? random.nextInt(700) : (long) (random.nextDouble() * runMs);
        Runner r = Runner.start(tmp, db, dir);
        if (early) {
            r.firstMigration.await(delay, TimeUnit.MILLISECONDS);
        } else {
            assertThat(r.firstMigration.await(60, TimeUnit.SECONDS)).as("the runner starts").isTrue();
            Thread.sleep(delay);
        }
        boolean ended = !r.process.isAlive();
        boolean beforeFirst = r.firstMigration.getCount() > 0;
        r.process.destroyForcibly();
        assertThat(r.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        r.drained.await(10, TimeUnit.SECONDS);
        return new Killed(r.stderr(), ended, beforeFirst);
    }

    private String classify(Killed k, Truth truth) {
        if (k.endedByItself) {
            return "after the run ended";
        }
        if (truth.failed != null) {
            return "inside a no-transaction migration";
        }
        Matcher m = IN_PROGRESS.matcher(k.stderr);
        if (m.find()) {
            int v = Integer.parseInt(m.group(1));
            if (truth.applied >= v) {
                return "between migrations";
            }
            return noTransaction(v) ? "inside a no-transaction migration" : "inside a transactional migration";
        }
        return k.beforeFirstMigration || !k.stderr.contains("applying") ? "startup or lock" : "between migrations";
    }

    /**
     * What history says, checked against the schema: rows are versions 1..n in order; every successful row's
     * migration is wholly present; at most the last row is an interrupted no-transaction migration, whose completed
     * statements are present; no migration without a row left anything behind.
     *
     * @param applied  successful rows
     * @param failed   the interrupted version, or {@code null}
     * @param failedAt the statement it was interrupted at
     */
    private record Truth(int applied, Integer failed, int failedAt) {
    }

    private Truth checkHistoryAgainstSchema(Path db, String where) {
        boolean hasHistory = !SqliteDb.query(db, "SELECT name FROM sqlite_master WHERE name = 'godwit_history'")
                .isEmpty();
        List<String> rows = !hasHistory ? List.of() : SqliteDb.query(db, "SELECT version, success, "
                + "coalesce(note, '') FROM godwit_history ORDER BY version");
        List<String> tables = SqliteDb.query(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') "
                + "AND (name LIKE 't\\_%' ESCAPE '\\' OR name LIKE 'n\\_%' ESCAPE '\\')");
        List<String> userTables = tables.stream().filter(n -> !n.endsWith("_v")).toList();
        Map<String, Integer> counts = new HashMap<>();
        if (!userTables.isEmpty()) {
            for (String row : SqliteDb.query(db, String.join(" UNION ALL ", userTables.stream()
                    .map(n -> "SELECT '" + n + "', count(*) FROM " + n).toList()))) {
                String[] kv = row.split("\\|");
                counts.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        int applied = 0;
        Integer failed = null;
        int failedAt = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i).split("\\|", 3);
            int v = Integer.parseInt(r[0]);
            assertThat(v).as(where + ": history rows are 1..n in order").isEqualTo(i + 1);
            String t = String.format(noTransaction(v) ? "n_%03d" : "t_%03d", v);
            if (r[1].equals("1")) {
                assertThat(failed).as(where + ": nothing after an interrupted migration").isNull();
                assertThat(tables).as(where + ": " + t).contains(t, t + "_v");
                assertThat(counts.get(t)).as(where + ": rows of " + t).isEqualTo(noTransaction(v) ? 600 : 200);
                applied++;
            } else {
                assertThat(noTransaction(v)).as(where + ": only no-transaction migrations are left failed").isTrue();
                assertThat(i).as(where + ": the failed row is the last one").isEqualTo(rows.size() - 1);
                Matcher m = Pattern.compile("running statement (\\d+) of " + NO_TX_STATEMENTS).matcher(r[2]);
                assertThat(m.find()).as(where + ": note " + r[2]).isTrue();
                failed = v;
                failedAt = Integer.parseInt(m.group(1));
                // Statements before failedAt completed.
                if (failedAt > 1) {
                    assertThat(tables).as(where).contains(t);
                }
                if (failedAt > 2) {
                    assertThat(counts.get(t)).as(where).isGreaterThanOrEqualTo(300);
                }
                if (failedAt > 3) {
                    assertThat(tables).as(where).contains(t + "_v");
                }
            }
        }
        for (int v = rows.size() + 1; v <= MIGRATIONS; v++) {
            String t = String.format(noTransaction(v) ? "n_%03d" : "t_%03d", v);
            assertThat(tables).as(where + ": migration " + v + " has no row, so nothing of it exists")
                    .doesNotContain(t);
        }
        return new Truth(applied, failed, failedAt);
    }

    /** A runner process whose stderr is read as it comes. */
    private static final class Runner {
        final Process process;
        final CountDownLatch firstMigration = new CountDownLatch(1);
        final CountDownLatch drained = new CountDownLatch(1);
        private final StringBuffer err = new StringBuffer();

        private Runner(Process process) {
            this.process = process;
        }

        static Runner start(Path tmp, Path db, Path dir) throws IOException {
            ProcessBuilder pb = GodwitProcess.builder(tmp, List.of("--url", "sqlite:" + db, "--dir", dir.toString(),
                    "up")).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Runner r = new Runner(pb.start());
            Thread reader = new Thread(r::drain, "crash-runner-stderr");
            reader.setDaemon(true);
            reader.start();
            return r;
        }

        private void drain() {
            try (InputStream in = process.getErrorStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    err.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (firstMigration.getCount() > 0 && err.indexOf("applying") >= 0) {
                        firstMigration.countDown();
                    }
                }
            } catch (IOException e) {
                // the stream closes under us when the runner is killed: what was read so far is all there is
                err.append("\n(stderr closed: ").append(e.getMessage()).append(')');
            } finally {
                drained.countDown();
            }
        }

        String stderr() {
            return err.toString();
        }
    }
}
