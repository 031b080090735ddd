package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.source.MigrationFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
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
