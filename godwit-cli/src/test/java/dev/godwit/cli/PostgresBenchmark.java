package dev.godwit.cli;

import dev.godwit.DatabaseUrl;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.RunResult;
import dev.godwit.plan.PlanRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: applies N small migrations (default 1,000) with Godwit and runs the same statements with
 * {@code psql -f}, in the same run on the same server, and prints both times and Godwit's tracking overhead per
 * migration. Run it with {@code scripts/bench-postgres.sh [N]}.
 *
 * <p>Four runs, each on a fresh database: {@code psql -f} of all statements in one file (autocommit, as psql does
 * by default: one commit per statement); {@code psql -f} with each migration's statements between BEGIN and COMMIT
 * (one commit per migration, as Godwit does: the fair baseline for Godwit's tracking overhead); the
 * {@code godwit up} command as a separate process (JVM start included); and the library in this JVM
 * ({@link Godwit#up}). With {@code GODWIT_BENCH_SYNC_COMMIT=off} every benchmark database runs with
 * {@code synchronous_commit = off}, which takes the disk's flush time out of all four runs.
 */
public final class PostgresBenchmark {
    private static final Pattern USERINFO = Pattern.compile("^postgres(?:ql)?://([^:@/]+)(?::([^@/]*))?@([^/]+)/.*$");

    private PostgresBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path jar = Path.of(args.length > 1 ? args[1] : "godwit-cli/target/godwit.jar").toAbsolutePath();
        String server = System.getenv().getOrDefault("GODWIT_TEST_PG_URL",
                "postgres://godwit:godwit@127.0.0.1:5432/postgres");
        Matcher m = USERINFO.matcher(server);
        if (!m.matches()) {
            throw new IllegalArgumentException("GODWIT_TEST_PG_URL must look like postgres://user:pass@host:port/db");
        }
        String user = m.group(1);
        String password = m.group(2) == null ? System.getenv("PGPASSWORD") : m.group(2);
        String hostPort = m.group(3);
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.lastIndexOf(':') + 1) : "5432";

        Path work = Files.createTempDirectory("godwit-bench");
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        StringBuilder all = new StringBuilder();
        StringBuilder perMigration = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            String sql = "CREATE TABLE bench_" + i + " (id integer PRIMARY KEY, name text NOT NULL);\n"
                    + "INSERT INTO bench_" + i + " (id, name) VALUES (1, 'row " + i + "');\n";
            Files.writeString(migrations.resolve(String.format(Locale.ROOT, "%05d_bench_%d.sql", i, i)),
                    "-- migrate:up\n" + sql + "-- migrate:down\nDROP TABLE bench_" + i + ";\n",
                    StandardCharsets.UTF_8);
            all.append(sql);
            perMigration.append("BEGIN;\n").append(sql).append("COMMIT;\n");
        }
        Path plain = work.resolve("all.sql");
        Files.writeString(plain, all, StandardCharsets.UTF_8);
        Path transactions = work.resolve("per-migration.sql");
        Files.writeString(transactions, perMigration, StandardCharsets.UTF_8);

        String[] dbs = {"godwit_bench_psql", "godwit_bench_psql_tx", "godwit_bench_cli", "godwit_bench_lib"};
        boolean syncOff = "off".equalsIgnoreCase(System.getenv("GODWIT_BENCH_SYNC_COMMIT"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("GODWIT_BENCH_ROUNDS", "3"));
        Admin admin = new Admin(hostPort, user, password);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[][] times = new long[4][rounds];
        try {
            for (int round = 0; round < rounds; round++) {
                for (String db : dbs) {
                    admin.recreate(db, syncOff);
                }
                times[0][round] = time(() -> run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host,
                        "-p", port, "-U", user, "-d", dbs[0], "-f", plain.toString()), password));
                times[1][round] = time(() -> run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host,
                        "-p", port, "-U", user, "-d", dbs[1], "-f", transactions.toString()), password));
                String cliUrl = "postgres://" + user + "@" + hostPort + "/" + dbs[2];
                times[2][round] = time(() -> run(List.of(java, "-jar", jar.toString(), "--url", cliUrl, "--dir",
                        migrations.toString(), "-q", "up"), password));
                String libUrl = "postgres://" + user + "@" + hostPort + "/" + dbs[3];
                long[] applied = new long[1];
                times[3][round] = time(() -> {
                    RunResult r = Godwit.create(GodwitConfig.builder().url(libUrl).password(password)
                            .migrations(migrations).build()).up(PlanRequest.Up.all(), false);
                    applied[0] = r.changedCount();
                });
                if (applied[0] != n) {
                    throw new IllegalStateException("the library applied " + applied[0] + " of " + n);
                }
                for (String db : dbs) {
                    if (admin.tables(db) < n) {
                        throw new IllegalStateException(db + " has fewer than " + n + " tables");
                    }
                }
                System.err.printf(Locale.ROOT, "round %d: psql %.0f ms, psql per-migration transactions %.0f ms, "
                        + "godwit CLI %.0f ms, Godwit library %.0f ms%n", round + 1, times[0][round] / 1e6,
                        times[1][round] / 1e6, times[2][round] / 1e6, times[3][round] / 1e6);
            }
            long psql = median(times[0]);
            long psqlTx = median(times[1]);
            long cli = median(times[2]);
            long lib = median(times[3]);
            System.out.printf(Locale.ROOT, "%d migrations of 2 statements each, PostgreSQL %s at %s%s; median of %d "
                    + "round(s)%n", n, admin.version(), DatabaseUrl.redact(server),
                    syncOff ? ", synchronous_commit off" : "", rounds);
            System.out.printf(Locale.ROOT, "%-52s %9.1f ms%n", "psql -f, autocommit (a commit per statement)",
                    psql / 1e6);
            System.out.printf(Locale.ROOT, "%-52s %9.1f ms%n", "psql -f, BEGIN/COMMIT per migration", psqlTx / 1e6);
            System.out.printf(Locale.ROOT, "%-52s %9.1f ms  overhead %6.2f ms/migration%n",
                    "godwit up (CLI process, JVM start included)", cli / 1e6, (cli - psqlTx) / 1e6 / n);
            System.out.printf(Locale.ROOT, "%-52s %9.1f ms  overhead %6.2f ms/migration%n",
                    "Godwit.up (library, in this JVM)", lib / 1e6, (lib - psqlTx) / 1e6 / n);
            System.out.printf(Locale.ROOT, "(overhead: Godwit's time minus psql's with the same transactions, per "
                    + "migration; against autocommit psql, the CLI's is %.2f ms)%n", (cli - psql) / 1e6 / n);
        } finally {
            for (String db : dbs) {
                admin.drop(db);
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return System.nanoTime() - t0;
    }

    private static void run(List<String> cmd, String password) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed:\n" + out);
        }
    }

    /** Creates and drops the benchmark's databases. */
    private record Admin(String hostPort, String user, String password) {
        Connection connect(String db) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            if (password != null) {
                p.setProperty("password", password);
            }
            return DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/" + db, p);
        }

        void recreate(String db, boolean syncOff) throws SQLException {
            drop(db);
            try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
                if (syncOff) {
                    s.execute("ALTER DATABASE " + db + " SET synchronous_commit = off");
                }
            }
        }

        void drop(String db) throws SQLException {
            try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }

        int tables(String db) throws SQLException {
            try (Connection c = connect(db); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench\\_%'")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        String version() throws SQLException {
            try (Connection c = connect("postgres"); Statement s = c.createStatement();
                 var rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

}
