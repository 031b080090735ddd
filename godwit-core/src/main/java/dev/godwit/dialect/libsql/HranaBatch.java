package dev.godwit.dialect.libsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Statements the server runs in order within one request, each optionally guarded by a condition on earlier steps.
 * Build one with {@link #builder()}; conditions may only refer to earlier steps.
 */
final class HranaBatch {
    /**
     * One step.
     *
     * @param condition {@code null} to run unconditionally
     */
    record Step(HranaStatement statement, BatchCondition condition) {
        Step {
            Objects.requireNonNull(statement, "statement");
        }
    }

    private final List<Step> steps;

    private HranaBatch(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    static Builder builder() {
        return new Builder();
    }

    List<Step> steps() {
        return steps;
    }

    int size() {
        return steps.size();
    }

    @Override
    public String toString() {
        return "HranaBatch[" + steps.size() + " steps]";
    }

    static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        /** Adds an unconditional step and returns its index. */
        int add(HranaStatement statement) {
            return add(statement, null);
        }

        /** Adds a step that runs only when {@code condition} holds and returns its index. */
        int add(HranaStatement statement, BatchCondition condition) {
            if (condition != null) {
                checkRefersBack(condition, steps.size());
            }
            steps.add(new Step(statement, condition));
            return steps.size() - 1;
        }

        /** Index of the last step added, or -1. */
        int last() {
            return steps.size() - 1;
        }

        HranaBatch build() {
            return new HranaBatch(steps);
        }

        private static void checkRefersBack(BatchCondition condition, int index) {
            if (condition instanceof BatchCondition.Ok ok) {
                checkIndex(ok.step(), index);
            } else if (condition instanceof BatchCondition.Error error) {
                checkIndex(error.step(), index);
            } else if (condition instanceof BatchCondition.Not not) {
                checkRefersBack(not.condition(), index);
            } else if (condition instanceof BatchCondition.And and) {
                and.conditions().forEach(c -> checkRefersBack(c, index));
            } else if (condition instanceof BatchCondition.Or or) {
                or.conditions().forEach(c -> checkRefersBack(c, index));
            }
        }

        private static void checkIndex(int step, int index) {
            if (step >= index) {
                throw new IllegalArgumentException(
                        "step " + index + " has a condition on step " + step + ", which does not run before it");
            }
        }
    }
}
