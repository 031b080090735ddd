package dev.godwit.bench;

import dev.godwit.migration.PreparedMigration;
import dev.godwit.plan.Plan;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.Planner;
import dev.godwit.source.FolderSource;
import dev.godwit.sql.LexicalRules;
import dev.godwit.sql.SqlSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: reading and planning 1,000 migrations (read the folder, split for SQLite, plan {@code up} on an empty
 * history), from a folder of Flyway files with {@code ${placeholders}} ({@code V<i>__t<i>.sql}, placeholders
 * replaced while reading) against the same SQL in Godwit's own format ({@code <i>_t<i>.sql} with
 * {@code -- migrate:up}). Issue 12 asks that the foreign format cost at most 10% more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class FormatReadBenchmark {
    static final int COUNT = 1000;
    static final Map<String, String> PLACEHOLDERS = Map.of("prefix", "app_", "owner", "admin");

    private Path root;
    private Path flyway;
    private Path godwit;
    private SqlSplitter splitter;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("godwit-format-bench");
        flyway = Files.createDirectories(root.resolve("flyway"));
        godwit = Files.createDirectories(root.resolve("godwit"));
        for (int i = 1; i <= COUNT; i++) {
            String sql = flywaySql(i);
            Files.writeString(flyway.resolve("V" + i + "__t" + i + ".sql"), sql);
            Files.writeString(godwit.resolve(i + "_t" + i + ".sql"), "-- migrate:up\n"
                    + sql.replace("${prefix}", "app_").replace("${owner}", "admin") + "\n");
        }
        splitter = new SqlSplitter(LexicalRules.SQLITE);
    }

    static String flywaySql(int i) {
        return "CREATE TABLE ${prefix}t" + i + " (id INTEGER PRIMARY KEY, v TEXT NOT NULL, owner TEXT);\n"
                + "INSERT INTO ${prefix}t" + i + " (id, v, owner) VALUES (1, 'row; " + i + "', '${owner}');\n"
                + "CREATE INDEX ${prefix}t" + i + "_v ON ${prefix}t" + i + " (v);\n";
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Without JMH: both folders read and planned in turns (so load on a shared machine hits both alike), 30 warm-up
     * rounds, then the median of {@code rounds} (default 100) each, and the ratio.
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        FormatReadBenchmark b = new FormatReadBenchmark();
        b.setUp();
        try {
            long[] fly = new long[rounds];
            long[] own = new long[rounds];
            for (int i = -30; i < rounds; i++) {
                long t0 = System.nanoTime();
                b.flywayWithPlaceholders();
                long t1 = System.nanoTime();
                b.godwitsOwnFormat();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    fly[i] = t1 - t0;
                    own[i] = t2 - t1;
                }
            }
            java.util.Arrays.sort(fly);
            java.util.Arrays.sort(own);
            double f = fly[rounds / 2] / 1e6;
            double g = own[rounds / 2] / 1e6;
            System.out.printf(java.util.Locale.ROOT, "1,000 migrations read and planned, median of %d: "
                    + "Flyway with placeholders %.1f ms, Godwit's format %.1f ms, ratio %.3f%n", rounds, f, g, f / g);
        } finally {
            b.tearDown();
        }
    }

    @Benchmark
    public Plan flywayWithPlaceholders() {
        return plan(FolderSource.inFormat(flyway, w -> { }, "auto", PLACEHOLDERS));
    }

    @Benchmark
    public Plan godwitsOwnFormat() {
        return plan(FolderSource.inFormat(godwit, w -> { }, "auto", PLACEHOLDERS));
    }

    private Plan plan(FolderSource source) {
        List<PreparedMigration> prepared = source.load().prepare(splitter, w -> { });
        if (prepared.size() != COUNT) {
            throw new IllegalStateException("read " + prepared.size() + " migrations");
        }
        return Planner.plan(prepared, List.of(), PlanRequest.up());
    }
}
