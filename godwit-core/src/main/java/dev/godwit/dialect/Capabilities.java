package dev.godwit.dialect;

import java.util.Objects;

/**
 * What an engine can do beyond applying migrations, so that front ends ask the library rather than test for an
 * engine by name.
 *
 * @param backups   file backups next to the database, taken before a run and put back by restore
 *                  ({@link Dialect#backups})
 * @param rehearsal a throwaway stand-in to rehearse a plan on ({@link Dialect#rehearsal})
 * @param lock      how runners keep out of each other's way
 */
public record Capabilities(boolean backups, boolean rehearsal, LockKind lock) {
    public Capabilities {
        Objects.requireNonNull(lock, "lock");
    }

    /** How an engine's migration lock works. */
    public enum LockKind {
        /** A session-level advisory lock held by the connection (PostgreSQL). */
        ADVISORY,
        /** A lease row with a heartbeat, for engines without a session lock (SQLite files). */
        LEASE_ROW,
        /**
         * No lock across runs: each migration travels with its history write as one request whose re-check makes a
         * second runner's attempt a no-op (remote libSQL).
         */
        NONE
    }
}
