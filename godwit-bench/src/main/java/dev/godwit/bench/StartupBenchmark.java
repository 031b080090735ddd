package dev.godwit.bench;

import dev.godwit.Backups;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * What an application pays at startup when there is nothing to migrate: 1,000 migrations applied, the application's
 * {@code DataSource} given. Godwit's {@code up()} against Flyway's {@code migrate()} on the same SQLite database (each
 * with its own history table and its own copy of the same 1,000 files), measured two ways:
 * <ul>
 *   <li><b>first call</b>: what an application really pays when it starts. Each round starts a fresh JVM per tool
 *   (interleaved, the order alternating), which opens the {@code DataSource} once (the driver and its native library
 *   loaded, as an application's pool is before it migrates) and then times the tool's first call, class loading
 *   included.</li>
 *   <li><b>warm</b>: the same call repeated in one JVM after 5 warm-up rounds (an application that migrates several
 *   databases, or a test suite), and after 100 (steady state, the code compiled).</li>
 * </ul>
 * Medians and bests of the measured rounds, wall time and process CPU (every thread).
 *
 * <p>{@code StartupBenchmark [WORK_DIR [ROUNDS [FIRST_CALL_ROUNDS]]]}
 */
public final class StartupBenchmark {
    private static final int MIGRATIONS = 1_000;

    private StartupBenchmark() {
    }

    /**
     * Runs the comparison and prints the numbers; {@code --once godwit|flyway WORK_DIR} is the child JVM of a
     * first-call round (prints wall and CPU nanoseconds of the call).
     *
     * @param args work folder (default: a temp folder), warm rounds (default 20), first-call rounds (default 10)
     * @throws Exception when the files cannot be written or a child JVM fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--once")) {
            once(args[1], Path.of(args[2]));
            return;
        }
        Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("godwit-startup");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int firstCallRounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path godwitDir = Files.createDirectories(work.resolve("godwit"));
        Path flywayDir = Files.createDirectories(work.resolve("flyway"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            String sql = "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name TEXT);\n";
            Files.writeString(godwitDir.resolve(i + "_create_t" + i + ".sql"), "-- migrate:up\n" + sql);
            Files.writeString(flywayDir.resolve("V" + i + "__create_f" + i + ".sql"), sql.replace(" t" + i, " f" + i));
        }
        Path db = work.resolve("app.db");
        Files.deleteIfExists(db);
        DataSource dataSource = dataSource(work);
        System.out.println("applying " + MIGRATIONS + " migrations with each tool ...");
        // Flyway first: it refuses a non-empty schema without its history table
        int flywayApplied = flyway(dataSource, work).migrate().migrationsExecuted;
        System.out.println("flyway applied " + flywayApplied + ", godwit applied "
                + Godwit.create(godwit(dataSource, work)).up().steps().size());

        firstCalls(work, firstCallRounds);
        warm(dataSource, work, 5, rounds);
        warm(dataSource, work, 100, 50);
    }

    private static DataSource dataSource(Path work) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + work.resolve("app.db"));
        return dataSource;
    }

    private static GodwitConfig godwit(DataSource dataSource, Path work) {
        return GodwitConfig.builder().dataSource(dataSource).migrations(work.resolve("godwit"))
                .backups(Backups.OFF).build();
    }

    private static Flyway flyway(DataSource dataSource, Path work) {
        return Flyway.configure().dataSource(dataSource).locations("filesystem:" + work.resolve("flyway"))
                .placeholderReplacement(false).load();
    }

    /** The child JVM: the application's DataSource is up, then the tool's first call is timed. */
    private static void once(String tool, Path work) throws Exception {
        DataSource dataSource = dataSource(work);
        dataSource.getConnection().close();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int applied = tool.equals("godwit") ? Godwit.create(godwit(dataSource, work)).up().steps().size()
                : flyway(dataSource, work).migrate().migrationsExecuted;
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        if (applied != 0) {
            throw new IllegalStateException(tool + " applied " + applied + ", expected nothing to migrate");
        }
        System.out.println((t1 - t0) + " " + (c1 - c0));
    }

    private static void firstCalls(Path work, int rounds) throws Exception {
        long[][] godwit = new long[2][rounds];
        long[][] flyway = new long[2][rounds];
        for (int r = -1; r < rounds; r++) {   // one round to warm the page cache, not counted
            boolean godwitFirst = (r & 1) == 0;
            long[] a = child(godwitFirst ? "godwit" : "flyway", work);
            long[] b = child(godwitFirst ? "flyway" : "godwit", work);
            if (r >= 0) {
                long[] g = godwitFirst ? a : b;
                long[] f = godwitFirst ? b : a;
                godwit[0][r] = g[0];
                godwit[1][r] = g[1];
                flyway[0][r] = f[0];
                flyway[1][r] = f[1];
            }
        }
        System.out.printf("first call in a fresh JVM (what an application pays at startup), %d rounds:%n", rounds);
        print(godwit, flyway);
    }

    private static long[] child(String tool, Path work) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                StartupBenchmark.class.getName(), "--once", tool, work.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " child failed: " + out);
        }
        String[] lines = out.split("\n");
        String[] numbers = lines[lines.length - 1].trim().split(" ");
        return new long[] {Long.parseLong(numbers[0]), Long.parseLong(numbers[1])};
    }

    /** {@code warmup} rounds not counted, then {@code rounds} measured: 5 (a few databases), 100 (steady state). */
    private static void warm(DataSource dataSource, Path work, int warmup, int rounds) {
        long[][] godwit = new long[2][rounds];
        long[][] flyway = new long[2][rounds];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = -warmup; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int g = Godwit.create(godwit(dataSource, work)).up().steps().size();
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            int f = flyway(dataSource, work).migrate().migrationsExecuted;
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (g != 0 || f != 0) {
                throw new IllegalStateException("expected nothing to migrate: godwit " + g + ", flyway " + f);
            }
            if (r >= 0) {
                godwit[0][r] = t1 - t0;
                flyway[0][r] = t2 - t1;
                godwit[1][r] = c1 - c0;
                flyway[1][r] = c2 - c1;
            }
        }
        System.out.printf("warm: repeated in one JVM, %d rounds after %d warm-up:%n", rounds, warmup);
        print(godwit, flyway);
    }

    private static void print(long[][] godwit, long[][] flyway) {
        double gm = median(godwit[0]);
        double fm = median(flyway[0]);
        System.out.printf("  godwit up():      median %.1f ms, best %.1f ms%n", gm, min(godwit[0]));
        System.out.printf("  flyway migrate(): median %.1f ms, best %.1f ms%n", fm, min(flyway[0]));
        System.out.printf("  godwit / flyway:  %.2f (goal: at most 0.25)%n", gm / fm);
        // CPU of the whole process while each ran (every thread: reading ahead, JIT, GC), for a loaded machine
        System.out.printf("  process CPU:      godwit median %.1f ms, flyway median %.1f ms, ratio %.2f%n",
                median(godwit[1]), median(flyway[1]), median(godwit[1]) / median(flyway[1]));
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }
}
