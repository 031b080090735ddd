package dev.godwit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * Not a test: S schemas of one PostgreSQL database as tenants, M migrations each, applied by
 * {@code godwit up --each-schema} ({@code --jobs 1} and {@code --jobs <cores>}) and by a shell loop of {@code psql}
 * (each migration in its own BEGIN/COMMIT, no tracking), each on a fresh database of the server.
 *
 * <pre>scripts/bench-fleet.sh --postgres [schemas=200] [migrations=20]</pre>
 * Server: {@code GODWIT_TEST_PG_URL} (default postgres://godwit:godwit@127.0.0.1:5432/postgres, a role with CREATEDB).
 */
public final class PostgresFleetBenchmark {
    private PostgresFleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int schemas = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int migrations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path jar = Path.of(args.length > 2 ? args[2] : "godwit-cli/target/godwit.jar").toAbsolutePath();
        String server = System.getenv().getOrDefault("GODWIT_TEST_PG_URL",
                "postgres://godwit:godwit@127.0.0.1:5432/postgres");
        String base = server.substring(0, server.lastIndexOf('/') + 1);
        int cores = Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("godwit-pg-fleet-bench");
        Path dir = Files.createDirectories(work.resolve("migrations"));
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= migrations; i++) {
            String sql = "CREATE TABLE t" + i + " (id serial PRIMARY KEY, name text NOT NULL);\n"
                    + "INSERT INTO t" + i + " (name) VALUES ('row " + i + "');\n"
                    + "CREATE INDEX t" + i + "_name ON t" + i + " (name);\n";
            Files.writeString(dir.resolve(i + "_m" + i + ".sql"), "-- migrate:up\n" + sql);
            script.append("BEGIN;\n").append(sql).append("COMMIT;\n");
        }
        Files.writeString(work.resolve("all.sql"), script.toString());
        System.out.printf(Locale.ROOT, "PostgreSQL fleet benchmark: %d schemas x %d migrations, %d cores%n", schemas,
                migrations, cores);
        double psql = run(server, base, schemas, work, db -> "for i in $(seq 1 " + schemas + "); do PGOPTIONS="
                + "\"-c search_path=tenant_$i\" psql -q -X -v ON_ERROR_STOP=1 '" + base + db + "' -f all.sql > /dev/null"
                + " || exit 1; done");
        double one = run(server, base, schemas, work, db -> "java -jar " + jar + " --url '" + base + db
                + "' --dir migrations up --each-schema 'tenant\\_%' --jobs 1 -q > /dev/null");
        double many = run(server, base, schemas, work, db -> "java -jar " + jar + " --url '" + base + db
                + "' --dir migrations up --each-schema 'tenant\\_%' --jobs " + cores + " -q > /dev/null");
        System.out.printf(Locale.ROOT, "%-44s %12s %10s%n", "", "ms/schema", "vs psql");
        for (Object[] r : new Object[][] {{"psql shell loop (no tracking)", psql}, {"godwit --each-schema --jobs 1", one},
                {"godwit --each-schema --jobs " + cores, many}}) {
            double s = (double) r[1];
            System.out.printf(Locale.ROOT, "%-44s %12.2f %9.2fx%n", r[0], s * 1000 / schemas, s / psql);
        }
    }

    private static double run(String server, String base, int schemas, Path work,
                              java.util.function.Function<String, String> command) throws Exception {
        String db = "godwit_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sh("psql -q -X '" + server + "' -c 'CREATE DATABASE " + db + "'", work);
        try {
            sh("for i in $(seq 1 " + schemas + "); do echo \"CREATE SCHEMA tenant_$i;\"; done | psql -q -X '" + base
                    + db + "' > /dev/null", work);
            long start = System.nanoTime();
            sh(command.apply(db), work);
            return (System.nanoTime() - start) / 1e9;
        } finally {
            sh("psql -q -X '" + server + "' -c 'DROP DATABASE " + db + "'", work);
        }
    }

    private static void sh(String command, Path work) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(work.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }
}
