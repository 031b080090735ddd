package dev.godwit.dialect.libsql;

import java.util.List;

/** When a batch step runs, in terms of earlier steps (Hrana batch conditions). Steps are 0-based indexes. */
sealed interface BatchCondition {
    /** The step ran and succeeded. */
    record Ok(int step) implements BatchCondition {
        public Ok {
            checkStep(step);
        }
    }

    /** The step ran and failed. A skipped step is neither ok nor error. */
    record Error(int step) implements BatchCondition {
        public Error {
            checkStep(step);
        }
    }

    record Not(BatchCondition condition) implements BatchCondition {
        public Not {
            java.util.Objects.requireNonNull(condition, "condition");
        }
    }

    record And(List<BatchCondition> conditions) implements BatchCondition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    record Or(List<BatchCondition> conditions) implements BatchCondition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * The connection is in autocommit mode (no transaction open). Hrana 3; sqld refuses it on {@code /v2}, tursodb
     * accepts it there.
     */
    record IsAutocommit() implements BatchCondition {
    }

    static BatchCondition ok(int step) {
        return new Ok(step);
    }

    static BatchCondition error(int step) {
        return new Error(step);
    }

    static BatchCondition not(BatchCondition condition) {
        return new Not(condition);
    }

    static BatchCondition and(BatchCondition... conditions) {
        return new And(List.of(conditions));
    }

    static BatchCondition or(BatchCondition... conditions) {
        return new Or(List.of(conditions));
    }

    static BatchCondition isAutocommit() {
        return new IsAutocommit();
    }

    private static void checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
    }
}
