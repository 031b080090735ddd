package dev.godwit.dialect;

/**
 * A throwaway stand-in for a database, for {@code --rehearse}: a plan runs on it for real with the normal engine,
 * and closing it throws every change away, leaving the real database untouched.
 *
 * <ul>
 *   <li>SQLite: a backup copy in a temporary folder (see {@code SqliteRehearsal}).</li>
 *   <li>PostgreSQL: one transaction on the real database that is rolled back (see {@code PostgresRehearsal}):
 *       the per-migration {@code begin}/{@code commit}/{@code rollback} hooks of {@link JdbcSession} become
 *       savepoints, and {@link #runsNoTransaction()} is false.</li>
 * </ul>
 */
public interface Rehearsal extends AutoCloseable {
    /** What the stand-in is, for messages (e.g. "a copy of app.db in /tmp/godwit-rehearsal-1234"). */
    String describe();

    /** Whether {@code -- godwit:no-transaction} migrations can be rehearsed on this stand-in. */
    boolean runsNoTransaction();

    /** A session on the stand-in; the caller closes it before closing this. */
    DatabaseSession open();

    /** Throws the stand-in and every change on it away. */
    @Override
    void close();
}
