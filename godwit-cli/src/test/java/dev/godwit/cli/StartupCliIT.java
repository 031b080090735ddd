package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command starts only what it uses: a SQLite run loads no other engine's driver (CommandNamesTest: no other
 * command's model either). */
class StartupCliIT {
    @TempDir
    Path tmp;

    @Test
    void aSqliteUpDoesNotLoadThePostgresDriver() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("1_t.sql"), "-- migrate:up\nCREATE TABLE t (id INTEGER);\n");
        Path log = tmp.resolve("classes.log");
        Process p = GodwitProcess.builder(tmp, List.of("-Xlog:class+load=info:file=" + log),
                List.of("--url", "sqlite:" + tmp.resolve("app.db"), "--dir", dir.toString(), "up")).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).as(out + err).isZero();
        assertThat(out + err).contains("applied 1 migration(s)");

        String classes = Files.readString(log);
        assertThat(classes).contains("dev.godwit.cli.UpCommand ").contains("org.sqlite.JDBC ");
        assertThat(classes).as("the PostgreSQL driver on a SQLite run").doesNotContain("org.postgresql.");
    }
}
