package dev.godwit.cli;

import dev.godwit.RunResult;
import dev.godwit.plan.Direction;
import dev.godwit.plan.Step;

/** What {@code up} and {@code down} print on stdout when they finish. */
final class RunPrinter {
    private RunPrinter() {
    }

    static void print(GodwitCli root, RunResult r) {
        if (root.global.json) {
            Json.print(root.out, Json.run(r, r.dryRun()));
            return;
        }
        String verb = r.direction() == Direction.UP ? "apply" : "revert";
        String current = r.current() == null ? "none" : r.current().text();
        if (r.dryRun()) {
            root.out.println("dry run: would " + verb + " " + r.steps().size() + " migration(s); nothing changed");
            for (Step s : r.plan().steps()) {
                root.out.println();
                root.out.println("-- " + verb + " " + s.version() + " " + s.file()
                        + (s.reapplies() ? " (repeatable, changed since applied: applied again)"
                        : s.version().isRepeatable() ? " (repeatable, new)" : "")
                        + (s.directives().noTransaction() ? " (no transaction)" : ""));
                root.out.println(s.sql().strip());
            }
            return;
        }
        long changed = r.changedCount();
        if (r.steps().isEmpty()) {
            root.out.println("nothing to " + verb + "; current version: " + current);
        } else {
            root.out.println((r.direction() == Direction.UP ? "applied " : "reverted ") + changed
                    + " migration(s)" + (changed < r.steps().size() ? " (" + (r.steps().size() - changed)
                    + " already done by another runner)" : "") + "; current version: " + current);
        }
    }
}
