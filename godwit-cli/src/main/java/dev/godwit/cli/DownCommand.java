package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.migration.Version;
import dev.godwit.plan.PlanRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true, aliases = {"rollback", "migrate:down"},
        description = "Roll back applied migrations, newest first, with the down section recorded when each was "
                + "applied. Default: the newest one.")
final class DownCommand implements Callable<Integer> {
    @ParentCommand
    GodwitCli root;

    @Option(names = "--step", paramLabel = "N", description = "Roll back the N newest migrations (default 1).")
    Integer step;

    @Option(names = "--to", paramLabel = "VERSION",
            description = "Roll back everything newer than VERSION; VERSION stays applied.")
    String to;

    @Option(names = "--all", description = "Roll back every applied migration.")
    boolean all;

    @Option(names = "--dry-run", description = "Print the plan and its SQL; change nothing.")
    boolean dryRun;

    @Mixin
    SafetyOptions safety;

    @Override
    public Integer call() {
        int given = (step != null ? 1 : 0) + (to != null ? 1 : 0) + (all ? 1 : 0);
        if (given > 1) {
            throw new GodwitException(ErrorCode.USAGE, "give only one of --step, --to and --all",
                    "e.g. 'godwit down --step 2' or 'godwit down --to 20250101120000'");
        }
        int n = Options.positiveStep(step);
        Version target = to == null ? null : Version.parse(to);
        PlanRequest.Down request = new PlanRequest.Down(n, target, all);
        return GuardedRun.execute(root, safety, dryRun, GuardedRun.runs(() -> request),
                godwit -> godwit.rehearse(request));
    }
}
