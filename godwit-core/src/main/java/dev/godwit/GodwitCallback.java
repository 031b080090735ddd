package dev.godwit;

import dev.godwit.plan.Direction;
import dev.godwit.plan.Step;
import java.sql.Connection;
import java.util.Objects;

/**
 * Code an application runs around a run that changes the database, with the migration connection: before and after
 * the run (holding the migration lock) and before and after each migration, e.g. to refresh a materialized view or
 * record an audit row. Each call runs in a transaction of its own, committed when it returns; an exception stops the
 * run there (what was applied before stays applied). Only for engines that run Java code (SQLite files and
 * PostgreSQL); remote libSQL refuses a run with callbacks before any change. Dry runs call nothing.
 */
@FunctionalInterface
public interface GodwitCallback {
    /** When a callback is called. */
    enum Moment {
        /** Holding the lock, before the first migration of a run with work to do. */
        BEFORE_RUN,
        /** Before each migration's transaction. */
        BEFORE_EACH,
        /** After each migration's transaction committed. */
        AFTER_EACH,
        /** After the last migration of the run. */
        AFTER_RUN
    }

    /**
     * Does the application's work; any exception stops the run.
     *
     * @param moment  when this call is
     * @param context the connection, configuration and migration
     * @throws Exception anything: the callback's transaction is rolled back and the run stops
     */
    void on(Moment moment, Context context) throws Exception;

    /**
     * What a callback works with.
     *
     * @param connection the migration connection, inside the callback's own transaction (never commit, roll back or
     *                   close it)
     * @param config     the configuration of the run
     * @param direction  up or down
     * @param step       the migration, for {@link Moment#BEFORE_EACH} and {@link Moment#AFTER_EACH}; {@code null}
     *                   around the run
     */
    record Context(Connection connection, GodwitConfig config, Direction direction, Step step) {
        /**
         * Checks that the connection, configuration and direction are given.
         *
         * @param connection the migration connection
         * @param config     the configuration
         * @param direction  up or down
         * @param step       the migration, or {@code null} around the run
         */
        public Context {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(direction, "direction");
        }
    }
}
