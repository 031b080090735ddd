package dev.godwit.plan;

import java.util.List;
import java.util.Objects;

/**
 * What a run will do: ordered steps, or the problems that stop it. Warnings do not stop it.
 *
 * @param request what was asked; applying a confirmed plan re-plans it under the lock and refuses when the steps
 *                differ
 */
public record Plan(Direction direction, List<Step> steps, List<Problem> problems, List<String> warnings,
                   PlanRequest request) {
    public Plan {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(request, "request");
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean isRunnable() {
        return problems.isEmpty();
    }
}
