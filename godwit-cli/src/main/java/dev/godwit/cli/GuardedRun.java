package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.RehearsalResult;
import dev.godwit.RunResult;
import dev.godwit.plan.Direction;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.Step;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@code up} and {@code down} share around the run itself: backup options, {@code --rehearse}, and the
 * confirmation of a protected run (the database and the plan, asked before anything changes; then exactly that
 * plan is applied).
 */
final class GuardedRun {
    private GuardedRun() {
    }

    /**
     * @param run       runs the command's plan ({@code true}: dry run)
     * @param rehearse  rehearses it
     */
    static int execute(GodwitCli root, SafetyOptions safety, boolean dryRun, BiFunction<Godwit, Boolean, RunResult> run,
                       Function<Godwit, RehearsalResult> rehearse) {
        if (safety.rehearse && dryRun) {
            throw new GodwitException(ErrorCode.USAGE, "give only one of --dry-run and --rehearse",
                    "--dry-run prints the plan; --rehearse runs it on a throwaway copy");
        }
        CliListener listener = root.listener();
        GodwitConfig config = root.configBuilder(listener).backups(safety.backups(root.settings())).build();
        Godwit godwit = Godwit.create(config);
        if (!godwit.capabilities().backups()) {
            if (safety.restoreOnFailure) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "--restore-on-failure: backups are SQLite-only, "
                        + "and " + config.url().redacted() + " is not a SQLite file", "drop --restore-on-failure");
            }
            if (safety.backupOptionGiven()) {
                listener.warning("backups are SQLite-only: --no-backup and --keep-backups do nothing for "
                        + config.url().redacted());
            }
        }
        if (safety.rehearse) {
            if (!godwit.capabilities().rehearsal()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "--rehearse is not supported for "
                        + godwit.dialect().name() + " yet", "use --dry-run to see the plan and its SQL");
            }
            print(root, rehearse.apply(godwit));
            return 0;
        }
        RunPrinter.print(root, confirmAndRun(root, godwit, dryRun, run));
        return 0;
    }

    /**
     * A command's request through the library's API: a dry run is {@code godwit.plan(request)} (with the current
     * version, for the report), a run {@code godwit.up(request)} or {@code godwit.down(request)}.
     *
     * @param request the request, built when the database's settings are known
     * @return runs it ({@code true}: dry run)
     */
    static BiFunction<Godwit, Boolean, RunResult> runs(java.util.function.Supplier<? extends PlanRequest> request) {
        return (godwit, dry) -> {
            PlanRequest r = request.get();
            if (dry) {
                return RunResult.planned(godwit.plan(r), godwit.current().orElse(null));
            }
            return r instanceof PlanRequest.Up up ? godwit.up(up) : godwit.down((PlanRequest.Down) r);
        };
    }

    /** Runs on the database of {@code root.settings()} and returns the result instead of printing it. */
    static RunResult apply(GodwitCli root, SafetyOptions safety, boolean dryRun,
                           BiFunction<Godwit, Boolean, RunResult> run) {
        CliListener listener = root.listener();
        GodwitConfig config = root.configBuilder(listener).backups(safety.backups(root.settings())).build();
        return confirmAndRun(root, Godwit.create(config), dryRun, run);
    }

    private static RunResult confirmAndRun(GodwitCli root, Godwit godwit, boolean dryRun,
                                           BiFunction<Godwit, Boolean, RunResult> run) {
        if (!dryRun && Confirmation.isProtected(root)) {
            RunResult preview = run.apply(godwit, true);
            if (!preview.steps().isEmpty()) {
                Confirmation.askIfProtected(root, godwit.config().url().redacted() + "\n" + plan(preview));
            }
            // the plan confirmed, not a new one: refused, changing nothing, when history or files moved on meanwhile
            return godwit.apply(preview.plan());
        }
        return run.apply(godwit, dryRun);
    }

    /** The plan as a confirmation shows it. */
    static String plan(RunResult preview) {
        StringBuilder b = new StringBuilder(preview.direction() == Direction.UP ? "will apply " : "will revert ")
                .append(preview.steps().size()).append(" migration(s):");
        for (Step s : preview.plan().steps()) {
            b.append("\n  ").append(s.version()).append("  ").append(s.file())
                    .append(s.directives().noTransaction() ? "  (no transaction)" : "");
        }
        return b.toString();
    }

    private static void print(GodwitCli root, RehearsalResult r) {
        RunResult run = r.run();
        String still = r.current() == null ? "none" : r.current().text();
        if (root.global.json) {
            ObjectNode doc = Json.run(run, false);
            doc.put("rehearsal", true);
            doc.put("database_changed", false);
            doc.put("current", r.current() == null ? null : r.current().text());
            doc.put("rehearsed_current", run.current() == null ? null : run.current().text());
            doc.put("elapsed_ms", r.elapsedMs());
            Json.print(root.out, doc);
            return;
        }
        String verb = run.direction() == Direction.UP ? "applied" : "reverted";
        if (run.steps().isEmpty()) {
            root.out.println("rehearsal: nothing to " + (run.direction() == Direction.UP ? "apply" : "revert")
                    + "; the database was not changed (current version: " + still + ")");
            return;
        }
        root.out.println("rehearsal ok: " + verb + " " + run.steps().size() + " migration(s) in " + r.elapsedMs()
                + " ms on " + r.where() + "; the database was not changed (current version: " + still
                + "; after the rehearsed run it would be " + (run.current() == null ? "none" : run.current().text())
                + ")");
        for (RunResult.StepResult s : run.steps()) {
            root.out.println("  " + s.version() + "  " + s.script() + "  " + s.executionMs() + " ms");
        }
    }
}
