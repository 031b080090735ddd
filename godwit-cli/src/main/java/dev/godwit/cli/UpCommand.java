package dev.godwit.cli;

import dev.godwit.migration.Version;
import dev.godwit.plan.PlanRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true, aliases = {"migrate", "migrate:up"},
        description = "Apply pending migrations, oldest first, each in its own transaction with its history row.")
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Option(names = "--step", paramLabel = "N", description = "Apply at most N migrations.")
    Integer step;

    @Option(names = "--to", paramLabel = "VERSION", description = "Apply pending migrations up to this version.")
    String to;

    @Option(names = "--dry-run", description = "Print the plan and its SQL; change nothing.")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Also apply pending migrations older than the newest applied.")
    boolean outOfOrder;

    @Option(names = "--ignore-missing", description = "Do not refuse when an applied migration's file is gone.")
    boolean ignoreMissing;

    @Mixin
    SafetyOptions safety;

    @Option(names = "--lint", description = "Lint the migrations to apply first; refuse (exit 2, nothing changed) "
            + "when a finding at or above --fail-on is present.")
    boolean lint;

    @Mixin
    LintOptions lintOptions;

    @Mixin
    AllDatabasesOption databases;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--keep-going", description = "With several databases: run the others after one fails.")
    boolean keepGoing;

    @Override
    public Integer call() {
        int n = Options.positiveStep(step);
        Version target = to == null ? null : Version.parse(to);
        // Built when each database's settings are known: out-of-order may differ between databases.
        java.util.function.Supplier<PlanRequest.Up> request = () -> new PlanRequest.Up(n, target,
                outOfOrder || root.settings().flag(SettingKey.OUT_OF_ORDER), ignoreMissing);
        if (lint && (fleet.given() || databases.all)) {
            throw new dev.godwit.GodwitException(dev.godwit.ErrorCode.USAGE, "--lint runs on one database, not with "
                    + "--each, --each-schema or --all", "run 'godwit lint' on the migrations folder first");
        }
        if (fleet.given()) {
            return fleet(request);
        }
        FleetRunCheck.noFleetOptions(fleet);
        List<Databases.Target> targets = Databases.select(root, databases.all);
        if (targets != null && (databases.all || targets.size() > 1)) {
            if (lint) {
                throw new dev.godwit.GodwitException(dev.godwit.ErrorCode.USAGE, "--lint runs on one database, not "
                        + "on several --db", "run 'godwit lint --db NAME' for each first");
            }
            return MultiUp.run(root, targets, keepGoing, safety, dryRun,
                    r -> GuardedRun.execute(r, safety, dryRun, GuardedRun.runs(request),
                            godwit -> godwit.rehearse(request.get())),
                    GuardedRun.runs(request));
        }
        LintGate.check(root, lint, lintOptions, target);
        return GuardedRun.execute(root, safety, dryRun, GuardedRun.runs(request),
                godwit -> godwit.rehearse(request.get()));
    }

    private int fleet(java.util.function.Supplier<PlanRequest.Up> request) {
        if (safety.rehearse) {
            throw new dev.godwit.GodwitException(dev.godwit.ErrorCode.USAGE, "--rehearse with --each: rehearse on "
                    + "one database", "drop --rehearse, or use --dry-run");
        }
        List<Fleet.Member> members = Fleet.members(root, fleet);
        long start = System.currentTimeMillis();
        List<Fleet.Outcome> outcomes = Fleet.run(root, members, fleet.jobs,
                b -> b.backups(safety.backups(root.settings())), godwit -> {
                    dev.godwit.RunResult r = GuardedRun.runs(request).apply(godwit, dryRun);
                    return new Fleet.Outcome(null, true, r.current() == null ? null : r.current().text(),
                            r.changedCount(), dryRun ? r.steps().size() : 0, null);
                });
        return Fleet.report(root, dryRun ? "up --dry-run" : "up", outcomes, System.currentTimeMillis() - start);
    }
}
