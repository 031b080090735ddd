package dev.godwit.bench;

import dev.godwit.Backups;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * What an application pays at startup when there is nothing to migrate: 1,000 migrations applied, the application's
 * {@code DataSource} given, in one JVM. Godwit's {@code up()} against Flyway's {@code migrate()} on the same SQLite
 * database (each with its own history table and its own copy of the same 1,000 files). Warm-up rounds first, then
 * the median and the best of the measured rounds.
 *
 * <p>{@code StartupBenchmark [WORK_DIR [ROUNDS]]}
 */
public final class StartupBenchmark {
    private static final int MIGRATIONS = 1_000;

    private StartupBenchmark() {
    }

    /**
     * Runs the comparison and prints the numbers.
     *
     * @param args work folder (default: a temp folder) and measured rounds (default 20)
     * @throws IOException when the files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("godwit-startup");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path godwitDir = Files.createDirectories(work.resolve("godwit"));
        Path flywayDir = Files.createDirectories(work.resolve("flyway"));
        for (int i = 1; i <= MIGRATIONS; i++) {
            String sql = "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name TEXT);\n";
            Files.writeString(godwitDir.resolve(i + "_create_t" + i + ".sql"), "-- migrate:up\n" + sql);
            Files.writeString(flywayDir.resolve("V" + i + "__create_f" + i + ".sql"), sql.replace(" t" + i, " f" + i));
        }
        Path db = work.resolve("app.db");
        Files.deleteIfExists(db);
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + db);

        GodwitConfig config = GodwitConfig.builder().dataSource(dataSource).migrations(godwitDir)
                .backups(Backups.OFF).build();
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("filesystem:" + flywayDir)
                .placeholderReplacement(false).load();
        System.out.println("applying " + MIGRATIONS + " migrations with each tool ...");
        // Flyway first: it refuses a non-empty schema without its history table
        int flywayApplied = flyway.migrate().migrationsExecuted;
        System.out.println("flyway applied " + flywayApplied + ", godwit applied "
                + Godwit.create(config).up().steps().size());

        int warmup = 5;
        long[] godwit = new long[rounds];
        long[] flywayTimes = new long[rounds];
        long[] godwitCpu = new long[rounds];
        long[] flywayCpu = new long[rounds];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int r = -warmup; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int g = Godwit.create(config).up().steps().size();
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            int f = Flyway.configure().dataSource(dataSource).locations("filesystem:" + flywayDir)
                    .placeholderReplacement(false).load().migrate().migrationsExecuted;
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (g != 0 || f != 0) {
                throw new IllegalStateException("expected nothing to migrate: godwit " + g + ", flyway " + f);
            }
            if (r >= 0) {
                godwit[r] = t1 - t0;
                flywayTimes[r] = t2 - t1;
                godwitCpu[r] = c1 - c0;
                flywayCpu[r] = c2 - c1;
            }
        }
        double gm = median(godwit);
        double fm = median(flywayTimes);
        System.out.printf("nothing to migrate, %d applied, DataSource given, %d rounds after %d warm-up:%n",
                MIGRATIONS, rounds, warmup);
        System.out.printf("  godwit up():      median %.1f ms, best %.1f ms%n", gm, min(godwit));
        System.out.printf("  flyway migrate(): median %.1f ms, best %.1f ms%n", fm, min(flywayTimes));
        System.out.printf("  godwit / flyway:  %.2f (goal: at most 0.25)%n", gm / fm);
        // CPU of the whole process while each ran (every thread: reading ahead, JIT, GC), for a loaded machine
        System.out.printf("  process CPU:      godwit median %.1f ms, flyway median %.1f ms, ratio %.2f%n",
                median(godwitCpu), median(flywayCpu), median(godwitCpu) / median(flywayCpu));
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
