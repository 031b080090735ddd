package dev.godwit;

import dev.godwit.plan.Problem;
import java.util.List;

/**
 * A plan refused before any change ({@link ErrorCode#PLAN_REFUSED}), with every problem that stopped it kept as a
 * value, so that a front end can show, count or render them its own way.
 */
public final class PlanRefusedException extends GodwitException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> planProblems;

    /**
     * A refused plan.
     *
     * @param message all problems joined
     * @param hint the next step
     * @param problems the plan's problems
     */
    public PlanRefusedException(String message, String hint, List<Problem> problems) {
        super(ErrorCode.PLAN_REFUSED, message, hint, problems.stream().map(Problem::message).toList());
        this.planProblems = List.copyOf(problems);
    }

    /**
     * Every problem of the refused plan, in the planner's order.
     *
     * @return the problems
     */
    public List<Problem> planProblems() {
        return planProblems;
    }
}
