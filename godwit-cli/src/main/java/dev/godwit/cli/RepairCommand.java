package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.Godwit;
import dev.godwit.plan.RepairPlan;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Remove failed history rows, and re-record the checksum and down section of applied "
                + "migrations whose files were edited on purpose. Lists each change and asks first; changes only "
                + "the history table, never the schema.")
final class RepairCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Option(names = "--dry-run", description = "List what would change; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Godwit godwit = Godwit.create(root.config(root.listener()));
        RepairPlan plan = godwit.repairPlan();
        PrintStream list = root.global.json ? root.err : root.out;
        plan.notes().forEach(n -> root.err.println("note: " + n));
        if (plan.isEmpty()) {
            return finish(list, plan, false, "nothing to repair");
        }
        list.println((dryRun ? "repair would change " : "repair changes ") + plan.actions().size()
                + " history row(s) of " + godwit.config().url().redacted() + ":");
        plan.actions().forEach(a -> list.println("  " + a.describe()));
        if (dryRun) {
            return finish(list, plan, false, "dry run: nothing changed");
        }
        Confirmation.ask(root, "repair " + plan.actions().size() + " history row(s) of "
                + godwit.config().url().redacted() + " as listed above");
        RepairPlan done = godwit.repair(plan);
        return finish(list, done, true, "repaired " + done.actions().size() + " history row(s); run 'godwit "
                + "status' to check, then 'godwit up'");
    }

    private int finish(PrintStream list, RepairPlan plan, boolean applied, String summary) {
        if (root.global.json) {
            ObjectNode doc = new ObjectMapper().createObjectNode();
            doc.put("dry_run", dryRun);
            doc.put("repaired", applied);
            ArrayNode actions = doc.putArray("actions");
            for (RepairPlan.Action a : plan.actions()) {
                ObjectNode o = actions.addObject();
                o.put("version", a.version().text());
                o.put("action", a instanceof RepairPlan.RemoveFailed ? "remove_failed" : "rerecord");
                o.put("description", a.describe());
            }
            ArrayNode notes = doc.putArray("notes");
            plan.notes().forEach(notes::add);
            Json.print(root.out, doc);
        } else {
            list.println(summary);
        }
        return 0;
    }
}
