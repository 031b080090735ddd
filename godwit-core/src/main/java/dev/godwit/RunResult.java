package dev.godwit;

import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.plan.Plan;
import java.util.List;

/**
 * What an {@code up} or {@code down} did (or, for a dry run, would do).
 *
 * @param direction up or down
 * @param dryRun    true when nothing was changed
 * @param plan      the plan that ran
 * @param steps     one entry per migration that ran (all planned ones for a dry run)
 * @param current   the newest applied version afterwards, or {@code null}
 */
public record RunResult(Direction direction, boolean dryRun, Plan plan, List<StepResult> steps, Version current) {
    /**
     * Copies the steps.
     *
     * @param direction up or down
     * @param dryRun    true when nothing was changed
     * @param plan      the plan that ran
     * @param steps     one entry per migration
     * @param current   the newest applied version afterwards, or {@code null}
     */
    public RunResult {
        steps = List.copyOf(steps);
    }

    /**
     * @param version     the migration
     * @param description its description
     * @param script      its file
     * @param executionMs time taken (0 in a dry run)
     * @param alreadyDone another runner did it first; this run changed nothing for it
     */
    public record StepResult(Version version, String description, String script, long executionMs,
                             boolean alreadyDone) {
    }

    /**
     * What a dry run reports: every planned step, nothing changed.
     *
     * @param plan    the plan (from {@link Godwit#plan})
     * @param current the newest applied version now, or {@code null}
     * @return the result of a run that changed nothing
     */
    public static RunResult planned(Plan plan, Version current) {
        return new RunResult(plan.direction(), true, plan, plan.steps().stream()
                .map(s -> new StepResult(s.version(), s.description(), s.script(), 0, false)).toList(), current);
    }

    /**
     * How many migrations this run itself applied or reverted.
     *
     * @return 0 for a dry run
     */
    public long changedCount() {
        return dryRun ? 0 : steps.stream().filter(s -> !s.alreadyDone()).count();
    }
}
