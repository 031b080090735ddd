package dev.godwit.dialect;

import dev.godwit.GodwitException;
import dev.godwit.plan.Plan;
import dev.godwit.plan.Step;

/**
 * What an engine does around a run that changes the database: a backup before it, checks after it, a remedy
 * when a step fails. The migrator calls these holding the migration lock; dry runs and empty plans never reach
 * them. Engines without any keep {@link #NONE}.
 */
public interface Safeguards {
    Safeguards NONE = new Safeguards() {
    };

    /**
     * What the message of a failed {@code no-transaction} step says about the statements before the failing one;
     * a safeguard that undoes them (a restored backup) replaces this line rather than contradict it.
     */
    String STATEMENTS_STAY_APPLIED = "it ran without a transaction: statements before this one stay applied, and "
            + "the history row is marked failed";

    /** Before the first change of a run that will change the database. */
    default void beforeChanges(Plan plan) {
    }

    /** After every step succeeded; throws (e.g. a failed integrity check) to fail the run. */
    default void afterChanges(Plan plan) {
    }

    /**
     * A step failed. Returns the error to throw: the same, or one that says more (where the backup is) or
     * reports what was undone.
     */
    default GodwitException failed(Step step, GodwitException error) {
        return error;
    }
}
