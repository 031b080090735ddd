package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.Godwit;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.takeover.ForeignTool;
import dev.godwit.takeover.ImportRequest;
import dev.godwit.takeover.ImportResult;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Take over another tool's history: read its tracking table (never changing it), match each "
                + "applied migration to a file of the folder and record them in Godwit's history, with their "
                + "original times, in one transaction; the next 'godwit up' continues where that tool stopped. "
                + "Refused (exit 1, nothing changed) for a failed or dirty migration, a row that matches no file, a "
                + "file whose checksum no longer matches (Flyway, sqlx), or a Godwit history that has rows.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Option(names = "--from", required = true, paramLabel = "TOOL",
            description = "The tool whose history to take over: flyway, golang-migrate, sqlx, diesel, dbmate, goose, "
                    + "rails, umzug, schema-version.")
    String from;

    @Option(names = "--from-table", paramLabel = "NAME",
            description = "Its table, when the tool was configured with another one. Default: the tool's own "
                    + "(flyway_schema_history, schema_migrations, _sqlx_migrations, __diesel_schema_migrations, "
                    + "goose_db_version, schema_migrations then SequelizeMeta, schema_version)")
    String fromTable;

    @Option(names = "--dry-run", description = "Show what would be recorded; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ForeignTool tool = ForeignTool.named(from);
        Godwit godwit = Godwit.create(root.config(root.listener()));
        ImportResult result = godwit.importHistory(ImportRequest.from(tool).table(fromTable).withDryRun(dryRun));
        PrintStream list = root.global.json ? root.err : root.out;
        result.plan().notes().forEach(n -> root.err.println("note: " + n));
        if (result.rows().isEmpty()) {
            list.println("nothing to import: " + result.plan().table() + " records no applied migration");
        } else {
            list.println((dryRun ? "import would record " : "imported ") + result.rows().size() + " migration(s) from "
                    + tool + "'s " + result.plan().table() + " into " + godwit.config().table() + ":");
            for (AppliedMigration r : result.rows()) {
                list.println("  " + r.version() + "  " + r.script() + "  applied " + r.appliedAt()
                        + (r.isBaseline() ? "  (baseline)" : ""));
            }
        }
        list.println((dryRun ? "dry run: nothing changed; " : "")
                + (result.pending().isEmpty() ? "nothing is pending" : "'godwit up' applies " + result.pending().size()
                + " pending migration(s): " + Version.summarize(result.pending())));
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("from", tool.cliName());
            doc.put("table", result.plan().table());
            doc.put("dry_run", dryRun);
            doc.put("current", result.current() == null ? null : result.current().text());
            ArrayNode rows = doc.putArray("migrations");
            for (AppliedMigration r : result.rows()) {
                ObjectNode o = rows.addObject();
                o.put("version", r.version().text());
                o.put("script", r.script());
                o.put("kind", r.kind());
                o.put("applied_at", r.appliedAt());
                o.put("applied_by", r.appliedBy());
                o.put("checksum", r.checksum());
                o.put("note", r.note());
            }
            ArrayNode pending = doc.putArray("pending");
            result.pending().forEach(v -> pending.add(v.text()));
            ArrayNode notes = doc.putArray("notes");
            result.plan().notes().forEach(notes::add);
            Json.print(root.out, doc);
        }
        return 0;
    }
}
