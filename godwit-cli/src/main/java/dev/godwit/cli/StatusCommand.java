package dev.godwit.cli;

import dev.godwit.Godwit;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true, aliases = {"info", "list", "migrate:status"},
        description = "Show every migration and its state: applied, pending, missing, changed, failed, "
                + "out_of_order or baseline.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Mixin
    AllDatabasesOption databases;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        if (fleet.given()) {
            List<Fleet.Member> members = Fleet.members(root, fleet);
            long start = System.currentTimeMillis();
            List<Fleet.Outcome> outcomes = Fleet.run(root, members, fleet.jobs, b -> b, godwit -> {
                Status s = godwit.status();
                return new Fleet.Outcome(null, true, s.current() == null ? null : s.current().text(),
                        Json.appliedCount(s), s.toApply(), null);
            });
            return Fleet.report(root, "status", outcomes, System.currentTimeMillis() - start);
        }
        FleetRunCheck.noFleetOptions(fleet);
        List<Databases.Target> targets = Databases.select(root, databases.all);
        if (targets != null && (databases.all || targets.size() > 1)) {
            return MultiStatus.run(root, targets);
        }
        Godwit godwit = Godwit.create(root.config(root.listener()));
        Status status = godwit.status();
        if (root.global.json) {
            Json.print(root.out, Json.status(status));
            return 0;
        }
        print(status);
        godwit.migrationSet().format().filter(f -> !f.equals("godwit"))
                .ifPresent(f -> root.out.println("format: " + f + " (told from the folder, or --format)"));
        return 0;
    }

    private void print(Status status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Version", "Description", "State", "Applied at", "Time"});
        for (StatusEntry e : status.entries()) {
            String description = e.script().startsWith("java:") ? e.description() + " (java)"
                    : e.version().isRepeatable() ? e.description() + " (repeatable)" : e.description();
            rows.add(new String[] {e.version().text(), description, e.state().label(),
                    e.appliedAt() == null ? "" : e.appliedAt(),
                    e.executionMs() == null ? "" : e.executionMs() + " ms"});
        }
        Table.print(root.out, rows);
        for (StatusEntry e : status.entries()) {
            if (e.note() != null) {
                root.out.println(e.version().text() + ": " + e.note());
            }
        }
        long pending = status.toApply();
        root.out.println();
        root.out.println("current version: " + (status.current() == null ? "none" : status.current().text())
                + ", applied: " + Json.appliedCount(status) + ", pending: " + pending);
    }
}
