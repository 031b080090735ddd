package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.Godwit;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "baseline",
        description = "Adopt a database migrated without tracking: record VERSION as a baseline, so that every "
                + "migration up to it counts as applied without running. Refused when history already has rows.")
final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    // Not mixinStandardHelpOptions: --version here is the baseline's version, not Godwit's.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The newest version the database already has.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "Shown in status. Default: baseline")
    String description;

    @Override
    public Integer call() {
        Version v = Version.parse(version);
        AppliedMigration row = Godwit.create(root.config(root.listener())).baseline(v, description);
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("baseline", row.version().text());
            doc.put("description", row.description());
            doc.put("applied_at", row.appliedAt());
            Json.print(root.out, doc);
        } else {
            root.out.println("baseline recorded at version " + row.version() + ": migrations up to it count as "
                    + "applied; 'godwit up' applies the newer ones");
        }
        return 0;
    }
}
