package dev.godwit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whole processes side by side, in interleaved rounds on this machine: Godwit (the {@code ./godwit} launcher, as
 * users run it), Flyway (its library in a JVM of its own, as its command line runs), the raw client ({@code sqlite3},
 * {@code psql}) and the JVM+JDBC floor (a JVM that runs the same statements with no tracking). Each cell is the
 * median of the rounds: wall time, CPU time (user + system) and peak RSS, measured by GNU {@code time}. Prints one
 * table with the ratios and whether each goal of the performance issue is met. Not a test.
 *
 * <p>Usage: {@code Comparison REPO_ROOT [rounds=3] [migrations=1000] [inserts=200000]}; PostgreSQL rows need
 * {@code GODWIT_BENCH_PG_URL=postgres://user:pass@host:port/db} (a role with CREATEDB).
 */
public final class Comparison {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CP = System.getProperty("java.class.path");

    /** One measured run. */
    record Measure(double wall, double cpu, long rssKb) {
    }

    /** A tool's way of doing a workload: a fresh setup for each run, then the command that is timed. */
    record Way(String tool, Supplier<List<String>> prepareAndCommand) {
    }

    record Case(String id, String title, List<Way> ways, String goal) {
    }

    private final Path repo;
    private final Path work;
    private final int migrations;
    private final int inserts;
    private final String pgUrl;
    private int fresh;

    private Comparison(Path repo, Path work, int migrations, int inserts, String pgUrl) {
        this.repo = repo;
        this.work = work;
        this.migrations = migrations;
        this.inserts = inserts;
        this.pgUrl = pgUrl;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int migrations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int inserts = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
        String pg = System.getenv("GODWIT_BENCH_PG_URL");
        Comparison c = new Comparison(repo, Files.createTempDirectory("godwit-compare-"), migrations, inserts,
                pg == null || pg.isBlank() ? null : pg.strip());
        c.run(rounds);
    }

    private void run(int rounds) throws Exception {
        List<Case> workloads = workloads();
        Map<String, Map<String, List<Measure>>> results = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            System.err.printf("round %d of %d%n", r + 1, rounds);
            for (Case w : workloads) {
                for (Way way : w.ways()) {
                    Measure m = measure(way.prepareAndCommand().get());
                    results.computeIfAbsent(w.id(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(way.tool(), k -> new ArrayList<>()).add(m);
                }
            }
        }
        print(workloads, results, rounds);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Workloads

    private List<Case> workloads() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Path godwitDir = Files.createDirectories(work.resolve("w1-godwit"));
        Path flywayDir = Files.createDirectories(work.resolve("w1-flyway"));
        StringBuilder oneTx = new StringBuilder("PRAGMA journal_mode=WAL;\nBEGIN;\n");
        StringBuilder floorScript = new StringBuilder();
        for (int i = 1; i <= migrations; i++) {
            String up = Workload.up(i);
            Files.writeString(godwitDir.resolve(String.format(Locale.ROOT, "%05d_table_%d.sql", i, i)),
                    "-- migrate:up\n" + up + "\n-- migrate:down\n" + Workload.down(i) + "\n");
            Files.writeString(flywayDir.resolve("V" + i + "__table_" + i + ".sql"), up + "\n");
            oneTx.append(up).append('\n');
            floorScript.append(i > 1 ? "\n-- next\n" : "").append(up).append('\n');
        }
        oneTx.append("COMMIT;\n");
        Path w1Raw = write("w1-raw.sql", oneTx.toString());
        Path w1Floor = write("w1-floor.sql", floorScript.toString());

        // W2: one file of many INSERTs (fixed seed), as Godwit, Flyway and raw files.
        Random random = new Random(20250501);
        StringBuilder big = new StringBuilder("CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, "
                + "note TEXT);\n");
        for (int i = 1; i <= inserts; i++) {
            big.append("INSERT INTO big (id, name, qty, note) VALUES (").append(i).append(", 'item-")
                    .append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append("', ")
                    .append(random.nextInt(1000)).append(", 'a note of some length; with a semicolon')")
                    .append(";\n");
        }
        Path w2Godwit = Files.createDirectories(work.resolve("w2-godwit"));
        Files.writeString(w2Godwit.resolve("1_big.sql"), "-- migrate:up\n" + big + "-- migrate:down\nDROP TABLE big;\n");
        Path w2Flyway = Files.createDirectories(work.resolve("w2-flyway"));
        Files.writeString(w2Flyway.resolve("V1__big.sql"), big);
        Path w2Raw = write("w2-raw.sql", "PRAGMA journal_mode=WAL;\nBEGIN;\n" + big + "COMMIT;\n");
        Path w2Floor = write("w2-floor.sql", big.toString());

        // Databases with the 1,000 migrations applied, made once, copied for each run of W1b/W1c.
        Path godwitApplied = work.resolve("applied-godwit.db");
        exec(List.of(repo.resolve("godwit").toString(), "-q", "--url", "sqlite:" + godwitApplied, "--dir",
                godwitDir.toString(), "up"));
        Path flywayApplied = work.resolve("applied-flyway.db");
        exec(List.of(JAVA, "-cp", CP, FlywayMain.class.getName(), "migrate", "jdbc:sqlite:" + flywayApplied,
                flywayDir.toString()));

        List<Case> list = new ArrayList<>();
        list.add(new Case("W4a", "--version", List.of(
                new Way("floor", () -> List.of(JAVA, "-cp", CP, Noop.class.getName())),
                new Way("flyway", () -> flyway("version", "-", "-")),
                new Way("godwit", () -> godwit("--version"))), "godwit <= 0.11 s"));
        list.add(new Case("W4b", "status, new empty SQLite file, no migrations", List.of(
                new Way("floor", () -> floorRead("jdbc:sqlite:" + newDb(), "sqlite_master")),
                new Way("flyway", () -> flyway("info", "jdbc:sqlite:" + newDb(), empty.toString())),
                new Way("godwit", () -> godwit("--url", "sqlite:" + newDb(), "--dir", empty.toString(), "status"))),
                "godwit <= floor"));
        list.add(new Case("W1a", migrations + " small migrations -> new SQLite file", List.of(
                new Way("raw", () -> sqlite3(newDb(), w1Raw)),
                new Way("floor", () -> floorApply("jdbc:sqlite:" + newDb(), w1Floor, "tx-per-file")),
                new Way("flyway", () -> flyway("migrate", "jdbc:sqlite:" + newDb(), flywayDir.toString())),
                new Way("godwit", () -> godwit("--url", "sqlite:" + newDb(), "--dir", godwitDir.toString(), "up"))),
                "godwit <= 3x raw"));
        list.add(new Case("W1b", "status, " + migrations + " applied", List.of(
                new Way("raw", () -> List.of("sqlite3", copy(godwitApplied).toString(),
                        "SELECT count(*) FROM godwit_history")),
                new Way("floor", () -> floorRead("jdbc:sqlite:" + copy(godwitApplied), "godwit_history")),
                new Way("flyway", () -> flyway("info", "jdbc:sqlite:" + copy(flywayApplied), flywayDir.toString())),
                new Way("godwit", () -> godwit("--url", "sqlite:" + copy(godwitApplied), "--dir",
                        godwitDir.toString(), "status"))), "godwit <= 1.2x floor"));
        list.add(new Case("W1c", "up with nothing to do, " + migrations + " applied", List.of(
                new Way("raw", () -> List.of("sqlite3", copy(godwitApplied).toString(),
                        "SELECT count(*) FROM godwit_history")),
                new Way("floor", () -> floorRead("jdbc:sqlite:" + copy(godwitApplied), "godwit_history")),
                new Way("flyway", () -> flyway("migrate", "jdbc:sqlite:" + copy(flywayApplied),
                        flywayDir.toString())),
                new Way("godwit", () -> godwit("--url", "sqlite:" + copy(godwitApplied), "--dir",
                        godwitDir.toString(), "up"))), "godwit <= 1.2x floor"));
        list.add(new Case("W2", "one file of " + inserts + " INSERTs ("
                + Files.size(w2Floor) / (1024 * 1024) + " MB) -> new SQLite file", List.of(
                new Way("raw", () -> sqlite3(newDb(), w2Raw)),
                new Way("floor", () -> floorApply("jdbc:sqlite:" + newDb(), w2Floor, "one-tx")),
                new Way("flyway", () -> flyway("migrate", "jdbc:sqlite:" + newDb(), w2Flyway.toString())),
                new Way("godwit", () -> godwit("--url", "sqlite:" + newDb(), "--dir", w2Godwit.toString(), "up"))),
                "godwit <= 2x raw and <= 150 MB RSS"));
        if (pgUrl != null) {
            Path w3Raw = write("w3-raw.sql", "BEGIN;\n" + oneTx.substring(oneTx.indexOf("BEGIN;\n") + 7));
            list.add(new Case("W3", migrations + " migrations -> PostgreSQL", List.of(
                    new Way("raw", () -> psql(newPgDatabase(), w3Raw)),
                    new Way("floor", () -> floorApply(jdbcPg(newPgDatabase()), w1Floor, "tx-per-file")),
                    new Way("flyway", () -> flywayPg(newPgDatabase(), flywayDir)),
                    new Way("godwit", () -> godwit("--url", pgUrlOf(newPgDatabase()), "--dir", godwitDir.toString(),
                            "up"))), "godwit <= 1.3x raw"));
        } else {
            System.err.println("W3 (PostgreSQL) left out: set GODWIT_BENCH_PG_URL (scripts/bench.sh does)");
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Commands

    private List<String> godwit(String... args) {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("godwit").toString(), "-q"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> flyway(String... args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", CP, FlywayMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> floorApply(String jdbcUrl, Path script, String mode) {
        return List.of(JAVA, "-cp", CP, JdbcFloor.class.getName(), "apply", jdbcUrl, script.toString(), mode);
    }

    private static List<String> floorRead(String jdbcUrl, String table) {
        return List.of(JAVA, "-cp", CP, JdbcFloor.class.getName(), "read", jdbcUrl, table);
    }

    private static List<String> sqlite3(Path db, Path script) {
        return List.of("sh", "-c", "exec sqlite3 -bail \"$0\" < \"$1\" > /dev/null", db.toString(), script.toString());
    }

    private List<String> psql(String database, Path script) {
        Pg pg = Pg.parse(pgUrl);
        return List.of("env", "PGPASSWORD=" + pg.password(), "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                pg.host(), "-p", pg.port(), "-U", pg.user(), "-d", database, "-f", script.toString());
    }

    private List<String> flywayPg(String database, Path dir) {
        Pg pg = Pg.parse(pgUrl);
        return flyway("migrate", "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database, dir.toString(),
                pg.user(), pg.password());
    }

    private String jdbcPg(String database) {
        Pg pg = Pg.parse(pgUrl);
        return "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database + "?user=" + pg.user()
                + "&password=" + pg.password();
    }

    private String pgUrlOf(String database) {
        Pg pg = Pg.parse(pgUrl);
        return "postgres://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port() + "/" + database;
    }

    /** A new, empty database on the PostgreSQL server (made before the timed command). */
    private String newPgDatabase() {
        Pg pg = Pg.parse(pgUrl);
        String name = "godwit_bench_" + (++fresh);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/"
                + pg.database(), pg.user(), pg.password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name + " on " + pg.host() + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** user:pass@host:port/db of a postgres:// URL. */
    record Pg(String user, String password, String host, String port, String database) {
        static Pg parse(String url) {
            String rest = url.substring(url.indexOf("://") + 3);
            String userInfo = rest.substring(0, rest.indexOf('@'));
            String hostPort = rest.substring(rest.indexOf('@') + 1, rest.indexOf('/', rest.indexOf('@')));
            String db = rest.substring(rest.indexOf('/', rest.indexOf('@')) + 1);
            int colon = userInfo.indexOf(':');
            int portAt = hostPort.lastIndexOf(':');
            return new Pg(colon < 0 ? userInfo : userInfo.substring(0, colon),
                    colon < 0 ? "" : userInfo.substring(colon + 1),
                    portAt < 0 ? hostPort : hostPort.substring(0, portAt),
                    portAt < 0 ? "5432" : hostPort.substring(portAt + 1), db.isEmpty() ? "postgres" : db);
        }
    }

    private Path newDb() {
        return work.resolve("run-" + (++fresh) + ".db");
    }

    private Path copy(Path db) {
        Path to = newDb();
        try {
            Files.copy(db, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }

    private Path write(String name, String text) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Measuring and printing

    /** Runs {@code command} under GNU time; fails when it fails. */
    private Measure measure(List<String> command) throws IOException, InterruptedException {
        Path timing = Files.createTempFile(work, "time-", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.toString()));
        cmd.addAll(command);
        Path out = Files.createTempFile(work, "out-", ".txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + Files.readString(out));
        }
        String[] f = Files.readString(timing).strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return new Measure(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
                Long.parseLong(f[3]));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static void print(List<Case> workloads, Map<String, Map<String, List<Measure>>> results, int rounds) {
        System.out.printf(Locale.ROOT, "%nGodwit compared, medians of %d interleaved rounds; wall s (cpu s, peak RSS "
                + "MB); ratio = godwit / the column named in the goal%n%n", rounds);
        System.out.printf(Locale.ROOT, "| %-4s | %-48s | %-22s | %-22s | %-22s | %-22s | %-34s | %-4s |%n",
                "id", "workload", "raw", "JVM+JDBC floor", "Flyway", "Godwit", "goal (ratio)", "met");
        System.out.println("|------|" + "-".repeat(50) + "|" + ("-".repeat(24) + "|").repeat(4) + "-".repeat(36)
                + "|------|");
        for (Case w : workloads) {
            Map<String, List<Measure>> cells = results.get(w.id());
            Measure raw = median(cells.get("raw"));
            Measure floor = median(cells.get("floor"));
            Measure flyway = median(cells.get("flyway"));
            Measure godwit = median(cells.get("godwit"));
            String verdict = verdict(w.goal(), raw, floor, godwit);
            System.out.printf(Locale.ROOT, "| %-4s | %-48s | %-22s | %-22s | %-22s | %-22s | %-34s | %-4s |%n",
                    w.id(), w.title(), cell(raw), cell(floor), cell(flyway), cell(godwit),
                    w.goal() + verdict.substring(verdict.indexOf(' ')), verdict.substring(0, verdict.indexOf(' ')));
        }
    }

    private static String verdict(String goal, Measure raw, Measure floor, Measure godwit) {
        boolean ok;
        String ratio;
        if (goal.contains("x raw")) {
            double limit = Double.parseDouble(goal.replaceAll(".*<= ([0-9.]+)x raw.*", "$1"));
            double r = godwit.wall() / raw.wall();
            ok = r <= limit;
            ratio = String.format(Locale.ROOT, " (%.2fx)", r);
            if (goal.contains("MB RSS")) {
                long mb = Long.parseLong(goal.replaceAll(".*<= ([0-9]+) MB RSS.*", "$1"));
                ok = ok && godwit.rssKb() / 1024 <= mb;
            }
        } else if (goal.contains("x floor")) {
            double limit = Double.parseDouble(goal.replaceAll(".*<= ([0-9.]+)x floor.*", "$1"));
            double r = godwit.wall() / floor.wall();
            ok = r <= limit;
            ratio = String.format(Locale.ROOT, " (%.2fx)", r);
        } else if (goal.endsWith("<= floor")) {
            double r = godwit.wall() / floor.wall();
            ok = r <= 1.0;
            ratio = String.format(Locale.ROOT, " (%.2fx)", r);
        } else {
            double limit = Double.parseDouble(goal.replaceAll(".*<= ([0-9.]+) s.*", "$1"));
            ok = godwit.wall() <= limit;
            ratio = String.format(Locale.ROOT, " (%.2f s)", godwit.wall());
        }
        return (ok ? "yes" : "no") + ratio;
    }

    private static String cell(Measure m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.2f (%.2f, %d)", m.wall(), m.cpu(), m.rssKb() / 1024);
    }

    private static Measure median(List<Measure> ms) {
        if (ms == null || ms.isEmpty()) {
            return null;
        }
        List<Double> wall = ms.stream().map(Measure::wall).sorted().toList();
        List<Double> cpu = ms.stream().map(Measure::cpu).sorted().toList();
        List<Long> rss = ms.stream().map(Measure::rssKb).sorted().toList();
        int mid = ms.size() / 2;
        return new Measure(wall.get(mid), cpu.get(mid), rss.get(mid));
    }

    /** The floor for start-up: a JVM that does nothing. */
    public static final class Noop {
        private Noop() {
        }

        public static void main(String[] args) {
            // nothing: the cost of a JVM start with this class path
        }
    }
}
