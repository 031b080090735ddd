package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.source.MigrationFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "new", mixinStandardHelpOptions = true, aliases = {"create", "migrate:create"},
        description = "Write <UTC yyyyMMddHHmmss>_<name>.sql with '-- migrate:up' and '-- migrate:down' sections "
                + "into the migrations folder and print its path.")
final class NewCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Parameters(paramLabel = "NAME", description = "What the migration does. Letters of every script, digits, _ and "
            + "- are kept (in lower case); spaces and other characters become _.")
    String name;

    /**
     * For {@code godwit new ---}: picocli reads a NAME that starts with '-' as an option and reports the NAME as
     * missing; the hint says why, and what a NAME needs.
     */
    static Optional<String> optionLikeName(CommandLine.ParameterException ex, String[] given) {
        if (!(ex instanceof CommandLine.MissingParameterException) || !(ex.getCommandLine().getCommand()
                instanceof NewCommand)) {
            return Optional.empty();
        }
        return Arrays.stream(given).filter(a -> !a.equals("--") && a.matches("-[^\\p{L}\\p{N}]*")).findFirst()
                .map(a -> "'" + a + "' reads as an option, not as the NAME; a NAME needs a letter or digit, e.g. "
                        + "'godwit new add_users_table' (a NAME that starts with '-': 'godwit new -- NAME')");
    }

    @Override
    public Integer call() {
        Path file = MigrationFiles.create(root.migrationsDir(), name, Clock.systemUTC());
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("path", file.toString());
            Json.print(root.out, doc);
        } else {
            root.out.println(file);
        }
        return 0;
    }
}
