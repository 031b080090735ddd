package dev.godwit.migration;

import dev.godwit.GodwitConfig;
import java.sql.Connection;
import java.util.Objects;

/**
 * A migration written as Java code. It runs in the same transaction as its history row, so a failure leaves no
 * trace, exactly as a SQL migration's does; it mixes with SQL migrations in one ordered history.
 *
 * <pre>{@code
 * public final class V2__Create_tasks implements JavaMigration {
 *     public String version() { return "2"; }
 *     public String description() { return "create tasks"; }
 *     public void up(Context context) throws Exception {
 *         try (var s = context.connection().createStatement()) {
 *             s.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, prompt TEXT NOT NULL)");
 *         }
 *     }
 * }
 * }</pre>
 *
 * Found in a package on the class path ({@code JavaMigrations.inPackage}) or registered explicitly
 * ({@code JavaMigrations.of}). Remote libSQL runs no Java migrations (it takes SQL only, one batch per migration).
 */
public interface JavaMigration {
    /**
     * The version, as a file name would carry it.
     *
     * @return e.g. {@code "2"}, {@code "20250101000002"}, {@code "1.2"}
     */
    String version();

    /**
     * What it does, shown in status and history.
     *
     * @return a few words
     */
    String description();

    /**
     * Applies the change, inside the migration's transaction: do not commit or roll back.
     *
     * @param context the connection and configuration
     * @throws Exception anything: the transaction is rolled back with the history row
     */
    void up(Context context) throws Exception;

    /**
     * Reverts the change, inside a transaction; a migration that does not override this cannot be rolled back.
     *
     * @param context the connection and configuration
     * @throws Exception anything: the transaction is rolled back and the history row stays
     */
    default void down(Context context) throws Exception {
        throw new UnsupportedOperationException("no down for " + getClass().getName());
    }

    /**
     * A checksum of the migration's content, compared by {@code validate} with the one recorded when it was
     * applied; {@code null} (the default): a hash of the class's bytes, so any recompiled change counts as an edit.
     *
     * @return the declared checksum, or {@code null}
     */
    default String checksum() {
        return null;
    }

    /**
     * Whether it runs inside a transaction with its history row (the default). {@code false}: it runs as a SQL
     * migration marked {@code -- godwit:no-transaction} does, for statements that cannot run in a transaction
     * (PostgreSQL's {@code CREATE INDEX CONCURRENTLY}, SQLite's {@code VACUUM}): a history row marked unfinished is
     * written first, the code runs on a connection in auto-commit mode (each statement commits on its own), and
     * the row is completed when it returns. A failure leaves what the code did before it, and the row marked
     * failed: fix the database by hand, then {@code godwit repair}. Keep such a migration to what needs it.
     *
     * @return {@code true} by default
     */
    default boolean transactional() {
        return true;
    }

    /**
     * What a Java migration works with.
     *
     * @param connection the JDBC connection, inside the migration's transaction (never commit, roll back or close
     *                   it); in auto-commit mode for a migration that is not {@link #transactional()}
     * @param config     the configuration of the run
     */
    record Context(Connection connection, GodwitConfig config) {
        /**
         * Checks that both are given.
         *
         * @param connection the JDBC connection
         * @param config     the configuration
         */
        public Context {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(config, "config");
        }
    }
}
