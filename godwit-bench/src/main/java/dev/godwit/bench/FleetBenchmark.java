package dev.godwit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: a fleet of N empty SQLite files, M migrations each (a table, a row and an index), applied four ways on
 * fresh copies: {@code godwit up --each} with {@code --jobs 1} and {@code --jobs <cores>}, a shell loop of
 * {@code sqlite3} (each migration in its own {@code BEGIN IMMEDIATE … COMMIT}, no tracking), and a shell loop of
 * single {@code godwit up} runs (one JVM per database; timed on a sample and given per database). Prints databases
 * per second and milliseconds per database.
 *
 * <pre>scripts/bench-fleet.sh [databases=2000] [migrations=20] [single-run sample=40]</pre>
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int databases = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int migrations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Path jar = Path.of(args.length > 3 ? args[3] : "godwit-cli/target/godwit.jar").toAbsolutePath();
        int cores = Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("godwit-fleet-bench");
        Path dir = Files.createDirectories(work.resolve("migrations"));
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= migrations; i++) {
            String sql = "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                    + "INSERT INTO t" + i + " (name) VALUES ('row " + i + "');\n"
                    + "CREATE INDEX t" + i + "_name ON t" + i + "(name);\n";
            Files.writeString(dir.resolve(i + "_m" + i + ".sql"), "-- migrate:up\n" + sql
                    + "-- migrate:down\nDROP TABLE t" + i + ";\n");
            script.append("BEGIN IMMEDIATE;\n").append(sql).append("COMMIT;\n");
        }
        Files.writeString(work.resolve("all.sql"), script.toString());
        System.out.printf(Locale.ROOT, "fleet benchmark: %d databases x %d migrations, %d cores, %s%n", databases,
                migrations, cores, work);

        List<String[]> rows = new ArrayList<>();
        Path set = fleet(work, "sqlite3", databases);
        double s = time("cd " + work + " && for f in sqlite3/*.db; do sqlite3 \"$f\" < all.sql || exit 1; done");
        rows.add(row("sqlite3 shell loop (no tracking)", databases, s));
        check(set, migrations);

        for (int jobs : new int[] {1, cores}) {
            set = fleet(work, "jobs" + jobs, databases);
            double g = time("cd " + work + " && java -jar " + jar + " --dir migrations up --no-backup --each 'jobs"
                    + jobs + "/*.db' --jobs " + jobs + " -q");
            rows.add(row("godwit up --each --jobs " + jobs + " --no-backup", databases, g));
            check(set, migrations);
        }
        set = fleet(work, "backups", databases);
        double b = time("cd " + work + " && java -jar " + jar + " --dir migrations up --each 'backups/*.db' --jobs "
                + cores + " -q");
        rows.add(row("godwit up --each --jobs " + cores + " (backups on)", databases, b));

        set = fleet(work, "single", sample);
        double one = time("cd " + work + " && for f in single/*.db; do java -jar " + jar
                + " --dir migrations --url \"sqlite:$f\" up --no-backup -q || exit 1; done");
        rows.add(row("loop of single godwit runs (sample of " + sample + ")", sample, one));
        check(set, migrations);

        System.out.printf(Locale.ROOT, "%-48s %12s %14s %10s%n", "", "db/s", "ms/database", "vs sqlite3");
        double base = Double.parseDouble(rows.get(0)[2]);
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-48s %12s %14s %9.2fx%n", r[0], r[1], r[2],
                    Double.parseDouble(r[2]) / base);
        }
    }

    private static String[] row(String what, int n, double seconds) {
        return new String[] {what, String.format(Locale.ROOT, "%.1f", n / seconds),
                String.format(Locale.ROOT, "%.2f", seconds * 1000 / n)};
    }

    private static Path fleet(Path work, String name, int n) throws IOException {
        Path set = Files.createDirectories(work.resolve(name));
        for (int i = 0; i < n; i++) {
            Files.createFile(set.resolve(String.format("tenant%05d.db", i)));
        }
        return set;
    }

    private static double time(String command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(Path set, int migrations) throws Exception {
        Path first;
        try (Stream<Path> files = Files.list(set)) {
            first = files.sorted().findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("sqlite3", first.toString(), "SELECT count(*) FROM sqlite_master WHERE "
                + "type = 'table' AND name LIKE 't%'").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        if (!out.equals(String.valueOf(migrations))) {
            throw new IllegalStateException(first + " has " + out + " migration tables, not " + migrations);
        }
    }
}
