package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.takeover.ForeignTool;
import dev.godwit.takeover.ImportRequest;
import dev.godwit.takeover.ImportResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Takes over another tool's history ({@code godwit import} of the CLI): reads that tool's tracking table, never
 * changing it, and records the migrations it applied in Godwit's history, so the next {@code up} continues where
 * that tool stopped.
 */
@Mojo(name = "import", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class ImportMojo extends GodwitMojo {
    /** The tool whose history to take over: flyway, golang-migrate, sqlx, diesel, dbmate, goose, rails, umzug, ... */
    @Parameter(property = "godwit.from")
    String from;

    /** That tool's table when it is not named as the tool names it by default. */
    @Parameter(property = "godwit.fromTable")
    String fromTable;

    /** Shows what would be recorded, changing nothing. */
    @Parameter(property = "godwit.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Godwit godwit) {
        if (from == null || from.isBlank()) {
            throw new GodwitException(dev.godwit.ErrorCode.USAGE, "import needs the tool whose history to take over",
                    "set <from>flyway</from> or -Dgodwit.from=TOOL (one of " + ForeignTool.names() + ")");
        }
        ForeignTool tool = ForeignTool.named(from.strip());
        ImportResult result = godwit.importHistory(ImportRequest.from(tool).table(fromTable).withDryRun(dryRun));
        result.plan().notes().forEach(n -> getLog().info("godwit: note: " + n));
        if (result.rows().isEmpty()) {
            getLog().info("godwit: nothing to import: " + result.plan().table() + " records no applied migration");
        } else {
            getLog().info("godwit: " + (dryRun ? "import would record " : "imported ") + result.rows().size()
                    + " migration(s) from " + tool + "'s " + result.plan().table() + ":");
            for (AppliedMigration r : result.rows()) {
                getLog().info("godwit:   " + r.version() + "  " + r.script() + "  applied " + r.appliedAt());
            }
        }
        getLog().info("godwit: " + (dryRun ? "dry run: nothing changed; " : "")
                + (result.pending().isEmpty() ? "nothing is pending" : "up applies " + result.pending().size()
                + " pending migration(s): " + Version.summarize(result.pending())));
    }
}
