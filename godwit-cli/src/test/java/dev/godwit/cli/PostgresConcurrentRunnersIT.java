package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight CLI processes started at once on one database: the advisory lock lets each migration run once. */
class PostgresConcurrentRunnersIT {
    private static final int RUNNERS = 8;
    private static final int MIGRATIONS = 12;
    private static PostgresTestDatabase db;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** The shaded CLI jar that {@code mvn package} builds before failsafe runs. */
    static Path cliJar() {
        Path jar = Path.of("target", "godwit.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run 'mvn -pl godwit-cli -am package' (mvn verify builds it first)");
        }
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void eightRunnersStartedAtOnceApplyEachMigrationExactlyOnceAndAllExitZero() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("1_log.sql"), "-- migrate:up\nCREATE TABLE applied_log (version int, pid int);\n"
                + "INSERT INTO applied_log VALUES (1, pg_backend_pid());\n", StandardCharsets.UTF_8);
        for (int v = 2; v <= MIGRATIONS; v++) {
            Files.writeString(dir.resolve(v + "_step.sql"), "-- migrate:up\nSELECT pg_sleep(0.02);\n"
                    + "CREATE TABLE t" + v + " (id int);\nINSERT INTO applied_log VALUES (" + v
                    + ", pg_backend_pid());\n", StandardCharsets.UTF_8);
        }
        Path jar = cliJar();
        List<ProcessBuilder> builders = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        for (int i = 0; i < RUNNERS; i++) {
            outs.add(tmp.resolve("runner-" + i + ".out"));
            errs.add(tmp.resolve("runner-" + i + ".err"));
            ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar.toString(), "--url", db.urlWithoutPassword(),
                    "--dir", dir.toString(), "--lock-timeout", "60", "up", "--json")
                    .redirectOutput(outs.get(i).toFile()).redirectError(errs.get(i).toFile());
            pb.environment().put("PGPASSWORD", db.password());
            builders.add(pb);
        }
        List<Process> processes = new ArrayList<>();
        for (ProcessBuilder pb : builders) {
            processes.add(pb.start());
        }
        int appliedByRunners = 0;
        for (int i = 0; i < RUNNERS; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
                fail("runner " + i + " did not finish in 120 s");
            }
            String out = Files.readString(outs.get(i));
            String err = Files.readString(errs.get(i));
            assertThat(p.exitValue()).as("runner %d\n--- stdout\n%s\n--- stderr\n%s", i, out, err).isZero();
            appliedByRunners += countApplied(out);
        }

        assertThat(appliedByRunners).as("migrations applied, summed over all runners").isEqualTo(MIGRATIONS);
        assertThat(db.rows("SELECT version, count(*) FROM applied_log GROUP BY version HAVING count(*) <> 1"))
                .as("versions applied more than once").isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM applied_log")).isEqualTo(String.valueOf(MIGRATIONS));
        assertThat(db.scalar("SELECT count(*) FROM godwit_history WHERE success")).isEqualTo(
                String.valueOf(MIGRATIONS));
        assertThat(db.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    /** Entries of the run document's migrations list that this runner applied itself. */
    private static int countApplied(String json) throws IOException {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        int n = 0;
        for (var m : doc.get("migrations")) {
            if (!m.path("already_done").asBoolean(false)) {
                n++;
            }
        }
        return n;
    }
}
