package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import java.util.ArrayList;
import java.util.List;

/** {@code status --all} / several {@code --db}: one table (or one JSON document) with a row per database. */
final class MultiStatus {
    private MultiStatus() {
    }

    static int run(GodwitCli root, List<Databases.Target> targets) {
        int exit = 0;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Database", "Current", "Applied", "Pending", "Problems", "URL"});
        ObjectNode doc = Json.object();
        ArrayNode list = doc.putArray("databases");
        for (Databases.Target t : targets) {
            ObjectNode d = list.addObject();
            d.put("name", t.name());
            if (t.skipped() != null) {
                d.put("skipped", t.skipped());
                rows.add(new String[] {t.name(), "", "", "", "skipped: " + t.skipped(), ""});
                continue;
            }
            try {
                root.useDatabase(t);
                Godwit godwit = Godwit.create(root.config(root.listener()));
                String url = godwit.config().url().redacted();
                d.put("url", url);
                Status status = godwit.status();
                long pending = status.toApply();
                List<String> problems = new ArrayList<>();
                ArrayNode p = d.putArray("problems");
                for (StatusEntry e : status.problems()) {
                    problems.add(e.version().text() + " " + e.state().label());
                    ObjectNode one = p.addObject();
                    one.put("version", e.version().text());
                    one.put("script", e.script());
                    one.put("state", e.state().label());
                }
                String current = status.current() == null ? null : status.current().text();
                d.put("current", current);
                d.put("applied", Json.appliedCount(status));
                d.put("pending", pending);
                rows.add(new String[] {t.name(), current == null ? "none" : current,
                        String.valueOf(Json.appliedCount(status)), String.valueOf(pending),
                        problems.isEmpty() ? "" : String.join(", ", problems), url});
            } catch (GodwitException e) {
                exit = Math.max(exit, e.code().exitCode());
                d.set("error", Json.error(e));
                rows.add(new String[] {t.name(), "", "", "", "error: " + e.getMessage(), ""});
                root.err.println("godwit: error: " + t.name() + ": " + e.getMessage());
                if (!e.hint().isBlank()) {
                    root.err.println("  hint: " + CliWords.render(e.hint()));
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
