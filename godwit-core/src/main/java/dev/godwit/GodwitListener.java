package dev.godwit;

import dev.godwit.plan.Step;
import dev.godwit.sql.Statement;

/** Hears what a run does, for progress output. Every method has an empty default. */
public interface GodwitListener {
    GodwitListener NONE = new GodwitListener() {
    };

    /** Something the user should know that does not stop the run. */
    default void warning(String message) {
    }

    /** Informational progress (backups taken, lock waits, ...). */
    default void info(String message) {
    }

    default void stepStarted(Step step) {
    }

    default void statement(Step step, Statement statement) {
    }

    /** The step failed; the error follows as an exception. */
    default void stepFailed(Step step) {
    }

    /**
     * @param alreadyDone true when another runner applied (or reverted) it first
     */
    default void stepFinished(Step step, long executionMs, boolean alreadyDone) {
    }
}
