package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code up --all} / several {@code --db}: each database in turn, stopping at the first failure unless
 * {@code --keep-going}, then every database's outcome (ok, failed, skipped, not run); with {@code --json} one
 * document. Exits with the first failure's exit code.
 */
final class MultiUp {
    private MultiUp() {
    }

    static int run(GodwitCli root, List<Databases.Target> targets, boolean keepGoing, SafetyOptions safety,
                   boolean dryRun, Function<GodwitCli, Integer> runOneAsText,
                   java.util.function.BiFunction<dev.godwit.Godwit, Boolean, RunResult> run) {
        if (safety.rehearse && root.global.json) {
            throw new GodwitException(ErrorCode.USAGE, "--rehearse --json runs on one database at a time",
                    "add --db NAME, or drop --json");
        }
        int exit = 0;
        String stoppedAt = null;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Database", "Outcome", "Detail"});
        ObjectNode doc = Json.object();
        ArrayNode list = doc.putArray("databases");
        for (Databases.Target t : targets) {
            ObjectNode d = list.addObject();
            d.put("name", t.name());
            if (stoppedAt != null) {
                d.put("outcome", "not_run");
                rows.add(new String[] {t.name(), "not run", "stopped after " + stoppedAt + " failed; --keep-going "
                        + "runs the others"});
                continue;
            }
            if (t.skipped() != null) {
                d.put("outcome", "skipped");
                d.put("detail", t.skipped());
                rows.add(new String[] {t.name(), "skipped", t.skipped()});
                continue;
            }
            try {
                root.useDatabase(t);
                if (root.global.json) {
                    RunResult r = GuardedRun.apply(root, safety, dryRun, run);
                    d.put("outcome", "ok");
                    d.setAll(Json.run(r, r.dryRun()));
                    rows.add(new String[] {t.name(), "ok", ""});
                } else {
                    root.out.println("== " + t.name());
                    runOneAsText.apply(root);
                    root.out.println();
                    rows.add(new String[] {t.name(), dryRun ? "dry run" : "ok", ""});
                }
            } catch (GodwitException e) {
                if (exit == 0) {
                    exit = e.code().exitCode();
                }
                d.put("outcome", "failed");
                d.set("error", Json.error(e));
                rows.add(new String[] {t.name(), "failed", e.getMessage().lines().findFirst().orElse("")});
                root.err.println("godwit: error: " + t.name() + ": " + e.getMessage());
                if (!e.hint().isBlank()) {
                    root.err.println("  hint: " + CliWords.render(e.hint()));
                }
                if (!keepGoing) {
                    stoppedAt = t.name();
                }
            }
        }
        if (root.global.json) {
            Json.print(root.out, doc);
        } else {
            Table.print(root.out, rows);
        }
        return exit;
    }
}
