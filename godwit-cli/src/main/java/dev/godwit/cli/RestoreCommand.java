package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.BackupStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put a backup of a SQLite file back (the newest by default) after a confirmation; the database "
                + "as it was is kept next to it as <file>.<time>.before-restore.bak. Backups are SQLite-only.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The backup to put back (default: the newest <database>.<UTC time>.bak next to it).")
    Path file;

    @Option(names = "--list", description = "List the backups, newest first; change nothing.")
    boolean list;

    @Override
    public Integer call() {
        CliListener listener = root.listener();
        GodwitConfig config = root.config(listener);
        Godwit godwit = Godwit.create(config);
        if (!godwit.capabilities().backups()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "restore works on SQLite files only (backups are "
                    + "SQLite-only), and " + config.url().redacted() + " is not one",
                    "restore PostgreSQL with pg_restore, and remote libSQL with the server's own tools");
        }
        BackupStore backups = godwit.backups();
        if (list) {
            printList(backups);
            return 0;
        }
        Path backup = chosen(backups);
        Path db = backups.database();
        boolean exists = backups.databaseExists();
        Confirmation.ask(root, "restore " + config.url().redacted() + " from " + backup
                + (exists ? "\n  everything in " + db + " is replaced by the backup; a copy of it as it is now is "
                + "kept first" : ""));
        Path before = null;
        if (exists) {
            try {
                before = backups.takeBeforeRestore();
            } catch (GodwitException e) {
                throw new GodwitException(e.code(), "could not keep a copy of " + db + " as it is before restoring, "
                        + "so nothing was restored: " + e.getMessage(), e.hint(), e);
            }
        }
        godwit.restore(backup);
        if (before != null) {
            listener.info("the database as it was before the restore: " + before);
        }
        if (root.global.json) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("database", db.toString());
            doc.put("restored_from", backup.toString());
            doc.put("before_restore", before == null ? null : before.toString());
            Json.print(root.out, doc);
        } else {
            root.out.println("restored " + db + " from " + backup);
        }
        return 0;
    }

    private Path chosen(BackupStore backups) {
        if (file == null) {
            return backups.latest().orElseThrow(() -> new GodwitException(ErrorCode.PLAN_REFUSED,
                    "there are no backups of " + backups.database() + " next to it; nothing was changed",
                    "backups are taken by 'godwit up' and 'godwit down' before they change the database"));
        }
        if (!Files.exists(file) && !file.isAbsolute()) {
            Path besideDb = backups.database().resolveSibling(file.getFileName());
            if (Files.exists(besideDb)) {
                return besideDb;
            }
        }
        return file;
    }

    private void printList(BackupStore backups) {
        List<Path> all = backups.list();
        if (root.global.json) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("database", backups.database().toString());
            ArrayNode arr = doc.putArray("backups");
            ArrayNode incomplete = doc.putArray("incomplete");
            all.forEach(p -> (backups.complete(p) ? arr : incomplete).add(p.toString()));
            Json.print(root.out, doc);
            return;
        }
        if (all.isEmpty()) {
            root.out.println("no backups of " + backups.database());
            return;
        }
        for (Path p : all) {
            root.out.println(p + "  " + size(p)
                    + (backups.complete(p) ? "" : "  INCOMPLETE (cut short; 'restore' passes it over)"));
        }
    }

    private static String size(Path p) {
        try {
            long bytes = Files.size(p);
            return bytes < 10_240 ? bytes + " B" : bytes / 1024 + " KiB";
        } catch (IOException e) {
            return "?";
        }
    }
}
