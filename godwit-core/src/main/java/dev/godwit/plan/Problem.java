package dev.godwit.plan;

import dev.godwit.migration.Version;

/**
 * A reason the plan cannot run as asked.
 *
 * @param kind    what kind of problem
 * @param version the migration concerned, or {@code null}
 * @param message what is wrong, naming the file
 * @param hint    what to do about it
 */
public record Problem(Kind kind, Version version, String message, String hint) {
    /** The kinds of problem that stop a plan. */
    public enum Kind {
        /** An applied migration's file is gone. */
        MISSING_FILE,
        /** An applied migration's file was edited since. */
        CHANGED,
        /** A migration failed part-way and is recorded as failed. */
        FAILED,
        /** Pending migrations older than the newest applied one. */
        OUT_OF_ORDER,
        /** The target version is unknown. */
        UNKNOWN_TARGET,
        /** A migration to roll back has no down section. */
        NO_DOWN,
        /** More steps asked for than exist. */
        BEYOND_HISTORY,
        /** No migration files at all, while history has rows: most likely the wrong folder. */
        NO_MIGRATIONS
    }
}
