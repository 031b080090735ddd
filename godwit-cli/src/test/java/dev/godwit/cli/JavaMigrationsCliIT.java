package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java migrations loaded with --classpath, mixed with SQL files in one history. */
class JavaMigrationsCliIT {
    @TempDir
    Path dir;

    /** Compiles a Java migration into a class folder, as a build would. */
    private Path compiled() throws IOException {
        Path src = dir.resolve("src/app/db/V2__Tasks.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package app.db;

                import dev.godwit.migration.JavaMigration;

                public final class V2__Tasks implements JavaMigration {
                    public String version() { return "2"; }
                    public String description() { return "create tasks"; }
                    public void up(Context context) throws Exception {
                        try (var s = context.connection().createStatement()) {
                            s.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, prompt TEXT)");
                        }
                    }
                    public void down(Context context) throws Exception {
                        try (var s = context.connection().createStatement()) {
                            s.execute("DROP TABLE tasks");
                        }
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = Path.of(dev.godwit.migration.JavaMigration.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath()).toString();
        int rc = javac.run(null, null, null, "-cp", cp, "-d", classes.toString(), src.toString());
        assertThat(rc).isZero();
        return classes;
    }

    @Test
    void runsJavaMigrationsFromTheClasspathWithSqlFilesAndShowsThemAsJava() throws IOException {
        Path classes = compiled();
        Path db = dir.resolve("app.db");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/1_settings.sql"),
                "-- migrate:up\nCREATE TABLE system_settings (id INTEGER);\n");
        List<String> common = List.of("--url", "sqlite:" + db, "--dir", dir.resolve("migrations").toString(),
                "--classpath", classes.toString());

        Cli.Result up = Cli.run(Map.of(), concat("up", common));
        Cli.Result status = Cli.run(Map.of(), concat("status", common));
        Cli.Result down = Cli.run(Map.of(), concat("down", common));

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("create tasks (java)").contains("settings");
        assertThat(down.exit()).as(down.toString()).isZero();
    }

    @Test
    void aMissingClasspathEntryIsAConfigurationError() {
        Cli.Result r = Cli.run(Map.of(), "status", "--url", "sqlite:" + dir.resolve("x.db"), "--dir",
                dir.toString(), "--classpath", dir.resolve("nope.jar").toString());

        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("--classpath").contains("does not exist");
    }

    private static String[] concat(String command, List<String> rest) {
        String[] out = new String[rest.size() + 1];
        out[0] = command;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }
}
