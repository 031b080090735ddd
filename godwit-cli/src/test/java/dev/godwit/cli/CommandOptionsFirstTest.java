package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandOptionsFirstTest {
    private final CommandLine root = GodwitCli.commandLine(new GodwitCli(Map.of(), java.nio.file.Path.of(""),
            new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()),
            new ByteArrayInputStream(new byte[0]), false), null);

    private String reorder(String... args) {
        return String.join(" ", CommandOptionsFirst.reorder(root, args));
    }

    @Test
    void aCommandsOwnOptionsBeforeItsNameMoveBehindIt() {
        assertThat(reorder("--no-backup", "up")).isEqualTo("up --no-backup");
        assertThat(reorder("--step", "2", "--url", "sqlite:a.db", "down", "--dry-run"))
                .isEqualTo("--url sqlite:a.db down --step 2 --dry-run");
        assertThat(reorder("--to=3", "migrate:up")).isEqualTo("migrate:up --to=3");
    }

    @Test
    void globalOptionsAndTheirValuesStayWhereTheyAre() {
        assertThat(reorder("--url", "up", "status")).isEqualTo("--url up status");
        assertThat(reorder("--json", "-q", "status")).isEqualTo("--json -q status");
    }

    @Test
    void argumentsThatNoCommandKnowsAreLeftForPicocliToReport() {
        assertThat(reorder("--frobnicate", "up")).isEqualTo("--frobnicate up");
        assertThat(reorder("--no-backup")).isEqualTo("--no-backup");
        assertThat(reorder("--", "--no-backup", "up")).isEqualTo("-- --no-backup up");
        assertThat(reorder("--keep-going", "status")).isEqualTo("--keep-going status");
    }
}
