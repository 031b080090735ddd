package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --help}, {@code -h}, {@code --version} and bare {@code godwit}, with and without {@code --json}. */
class HelpCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();
    private static final List<String> COMMANDS =
            List.of("status", "up", "down", "restore", "validate", "new", "repair", "unlock", "baseline", "import", "config",
                    "init", "lint", "drift", "report");
    /** Options the README names that belong to other tools (tursodb) or to the benchmark scripts, not to Godwit. */
    private static final Set<String> OTHER_TOOLS_OPTIONS = Set.of("--sync-server", "--postgres");

    @Test
    void everyCommandAnswersHelpAndHWithItsUsageAndExitZero() {
        for (String command : COMMANDS) {
            for (String help : new String[] {"--help", "-h"}) {
                Cli.Result r = Cli.run(Map.of(), command, help);
                assertThat(r.exit()).as(command + " " + help + ": " + r).isZero();
                assertThat(r.out()).as(command + " " + help).contains("Usage: godwit " + command);
                assertThat(r.err()).as(command + " " + help).isEmpty();
            }
        }
    }

    @Test
    void bareGodwitPrintsTheUsageAndExitsZero() {
        Cli.Result r = Cli.run(Map.of());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: godwit").contains("Commands:").contains("Exit codes:");
        assertThat(r.out()).isEqualTo(Cli.run(Map.of(), "--help").out());
    }

    @Test
    void theRootHelpListsEveryOptionTheReadmeLists() throws IOException {
        String help = Cli.run(Map.of(), "--help").out();
        Set<String> options = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*").matcher(Files.readString(README));
        while (m.find()) {
            options.add(m.group());
        }
        options.removeAll(OTHER_TOOLS_OPTIONS);
        assertThat(options).contains("--url", "--no-backup", "--keep-backups", "--restore-on-failure", "--list");
        for (String option : options) {
            assertThat(help).as("godwit --help names " + option).containsPattern("(?<![\\w-])" + option + "\\b");
        }
        assertThat(help).contains("Command options").containsPattern("up +--step N");
    }

    @Test
    void versionWithQuietPrintsTheVersionAsVersionAloneDoes() {
        Cli.Result alone = Cli.run(Map.of(), "--version");
        Cli.Result quiet = Cli.run(Map.of(), "-q", "--version");
        assertThat(alone.exit()).as(alone.toString()).isZero();
        assertThat(quiet.exit()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).startsWith("godwit ").isEqualTo(alone.out());
        Cli.Result json = Cli.run(Map.of(), "-q", "--json", "--version");
        assertThat(json.out()).contains("\"version\"");
    }

    @Test
    void helpTextsShowPlaceholderSyntaxLiterallyInsteadOfExpandingIt() {
        String help = Cli.run(Map.of(), "--help").out();
        assertThat(help).contains("${NAME} placeholder").doesNotContain("null placeholder");
    }

    @Test
    void withJsonVersionAndHelpPrintExactlyOneJsonDocument() throws IOException {
        Cli.Result version = Cli.run(Map.of(), "--json", "--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        JsonNode v = JSON.readTree(version.out());
        assertThat(v.get("name").asText()).isEqualTo("godwit");
        assertThat(v.get("version").asText()).isNotBlank();
        assertThat(v.get("java").asText()).isNotBlank();

        Cli.Result help = Cli.run(Map.of(), "up", "--help", "--json");
        assertThat(help.exit()).as(help.toString()).isZero();
        JsonNode h = JSON.readTree(help.out());
        assertThat(h.get("command").asText()).isEqualTo("godwit up");
        assertThat(h.get("usage").asText()).contains("Usage: godwit up").contains("--dry-run");

        Cli.Result helpCommand = Cli.run(Map.of(), "--json", "help", "down");
        assertThat(helpCommand.exit()).as(helpCommand.toString()).isZero();
        assertThat(JSON.readTree(helpCommand.out()).get("command").asText()).isEqualTo("godwit down");

        Cli.Result bare = Cli.run(Map.of(), "--json");
        assertThat(bare.exit()).as(bare.toString()).isZero();
        assertThat(JSON.readTree(bare.out()).get("usage").asText()).contains("Usage: godwit");

        Cli.Result plain = Cli.run(Map.of(), "--version");
        assertThat(plain.out()).startsWith("godwit ");
    }

    /** picocli warns on the JVM's own stderr (not the command's) about a description it cannot format. */
    @Test
    void everyCommandsUsageFormatsWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : COMMANDS) {
                Cli.run(Map.of(), command, "--help");
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(Cli.run(Map.of(), "up", "--help").out()).contains("LIKE ('tenant_%')");
    }
}
