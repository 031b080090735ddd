package dev.godwit.bench;

import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.RunResult;
import dev.godwit.plan.PlanRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end harness: applies N small migrations to a fresh SQLite file with Godwit (in process) and runs the same
 * statements through the {@code sqlite3} shell, each migration in its own {@code BEGIN IMMEDIATE … COMMIT}, then
 * prints both times, their ratio and Godwit's tracking overhead per migration. Not a test.
 *
 * <p>Usage: {@code java -cp godwit-bench.jar dev.godwit.bench.SqliteEndToEnd [migrations=1000] [runs=5]}
 */
public final class SqliteEndToEnd {
    private SqliteEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("godwit-bench-sqlite");
        Path dir = Files.createDirectories(work.resolve("migrations"));
        StringBuilder shellScript = new StringBuilder("PRAGMA journal_mode=WAL;\nPRAGMA foreign_keys=ON;\n");
        for (int i = 1; i <= n; i++) {
            String up = Workload.up(i);
            Files.writeString(dir.resolve(String.format("%05d_table_%d.sql", i, i)),
                    "-- migrate:up\n" + up + "\n-- migrate:down\n" + Workload.down(i) + "\n");
            shellScript.append("BEGIN IMMEDIATE;\n").append(up).append("\nCOMMIT;\n");
        }
        Path script = work.resolve("all.sql");
        Files.writeString(script, shellScript);

        System.out.printf("SQLite end to end: %d migrations (CREATE TABLE + INSERT + CREATE INDEX each), %d runs"
                + " after one warm-up%n", n, runs);
        List<Double> godwit = new ArrayList<>();
        List<Double> shell = new ArrayList<>();
        for (int r = 0; r <= runs; r++) {
            double g = timeGodwit(work.resolve("godwit-" + r + ".db"), dir, n);
            double s = timeShell(work.resolve("shell-" + r + ".db"), script);
            if (r > 0) {
                godwit.add(g);
                shell.add(s);
            }
        }
        double g = median(godwit);
        double s = median(shell);
        System.out.printf("godwit up (in process): median %8.1f ms%n", g);
        System.out.printf("sqlite3 < same work:    median %8.1f ms%n", s);
        System.out.printf("ratio godwit/sqlite3:   %.2f%n", g / s);
        System.out.printf("tracking overhead:      %.3f ms per migration%n", (g - s) / n);
    }

    private static double timeGodwit(Path db, Path dir, int n) {
        GodwitConfig config = GodwitConfig.builder().url("sqlite:" + db).migrations(dir).build();
        long t0 = System.nanoTime();
        RunResult result = Godwit.create(config).up(PlanRequest.Up.all(), false);
        long t1 = System.nanoTime();
        if (result.changedCount() != n) {
            throw new IllegalStateException("applied " + result.changedCount() + " of " + n);
        }
        return (t1 - t0) / 1e6;
    }

    private static double timeShell(Path db, Path script) throws IOException, InterruptedException {
        File sqlite3 = new File("/usr/bin/sqlite3");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(sqlite3.getPath(), "-bail", db.toString())
                .redirectInput(script.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("sqlite3 failed");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
