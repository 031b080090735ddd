package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI registers only the command it runs (picocli builds each command's model by reflection): its table of
 * names must be the commands' own, and the arguments must pick the command picocli would.
 */
class CommandNamesTest {
    private static GodwitCli cli() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new GodwitCli(Map.of(), java.nio.file.Path.of(""), none, none, new ByteArrayInputStream(new byte[0]),
                false);
    }

    @Test
    void theTableOfCommandNamesIsWhatTheCommandsAnnotationsSay() {
        Map<String, Class<?>> declared = new LinkedHashMap<>();
        for (Class<?> c : new java.util.LinkedHashSet<>(GodwitCli.COMMANDS.values())) {
            CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
            declared.put(command.name(), c);
            for (String alias : command.aliases()) {
                declared.put(alias, c);
            }
        }
        assertThat(GodwitCli.COMMANDS).containsExactlyInAnyOrderEntriesOf(declared);
    }

    @Test
    void onlyTheCommandRunIsBuiltAndEveryCommandWhenNoneOrHelpIsNamed() {
        assertThat(names("--url", "sqlite:a.db", "up", "--dry-run")).containsExactly("up");
        assertThat(names("--url=sqlite:a.db", "-q", "migrate:status")).containsExactly("status");
        assertThat(names("--dir", "up", "status")).as("an option's value is not a command")
                .containsExactly("status");
        assertThat(names("--no-backup", "down")).as("a command's own option before it").containsExactly("down");
        assertThat(names("--step", "2", "down")).as("its value could be taken for a command: all are built")
                .hasSize(16);
        assertThat(names()).hasSize(16);
        assertThat(names("help", "up")).hasSize(16);
        assertThat(names("stauts")).hasSize(16);
    }

    @Test
    void theUsageStillListsEveryCommandInOrder() {
        CommandLine all = GodwitCli.commandLine(cli(), null);
        assertThat(new ArrayList<>(new java.util.LinkedHashSet<>(all.getSubcommands().values())).stream()
                .map(CommandLine::getCommandName).toList()).containsExactly("status", "up", "down", "validate",
                "new", "lint", "drift", "report", "baseline", "import", "restore", "repair", "unlock", "config",
                "init", "help");
    }

    private static List<String> names(String... args) {
        CommandLine cmd = GodwitCli.commandLine(cli(), args);
        return new java.util.LinkedHashSet<>(cmd.getSubcommands().values()).stream()
                .map(CommandLine::getCommandName).toList();
    }
}
