package dev.godwit;

import dev.godwit.plan.Step;
import dev.godwit.sql.Statement;

/**
 * Hears what a run does, as typed {@link GodwitEvent}s: implement {@link #on} to print or count them. The other
 * methods are how the library reports; each turns its arguments into an event for {@link #on}.
 */
public interface GodwitListener {
    /** A listener that ignores everything. */
    GodwitListener NONE = new GodwitListener() {
    };

    /**
     * Every event of a run, in order. By default a {@link GodwitEvent.LockWaited}, which has no method of its own,
     * goes to {@link #info} so that a listener written against the prose methods still hears it.
     *
     * @param event the event
     */
    default void on(GodwitEvent event) {
        if (event instanceof GodwitEvent.LockWaited w) {
            info(w.message());
        }
    }

    /**
     * Something the user should know that does not stop the run.
     *
     * @param message the warning
     */
    default void warning(String message) {
        on(new GodwitEvent.Warning(message));
    }

    /**
     * Informational progress (checks passed, a repair done, ...).
     *
     * @param message the line
     */
    default void info(String message) {
        on(new GodwitEvent.Info(message));
    }

    /**
     * A migration starts.
     *
     * @param step the migration's step
     */
    default void stepStarted(Step step) {
        on(new GodwitEvent.MigrationStarted(step));
    }

    /**
     * A statement of a migration is about to run.
     *
     * @param step the migration's step
     * @param statement the statement
     */
    default void statement(Step step, Statement statement) {
        on(new GodwitEvent.StatementStarted(step, statement));
    }

    /**
     * The step failed; the error follows as an exception.
     *
     * @param step the migration's step
     */
    default void stepFailed(Step step) {
        on(new GodwitEvent.MigrationFailed(step));
    }

    /**
     * A migration finished.
     *
     * @param step        the migration's step
     * @param executionMs how long it took
     * @param alreadyDone true when another runner applied (or reverted) it first
     */
    default void stepFinished(Step step, long executionMs, boolean alreadyDone) {
        on(new GodwitEvent.MigrationApplied(step, executionMs, alreadyDone));
    }
}
