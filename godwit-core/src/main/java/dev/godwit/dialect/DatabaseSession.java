package dev.godwit.dialect;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The coarse port every engine implements. It does not assume JDBC: remote libSQL sends each {@link #apply}
 * as one request.
 */
public interface DatabaseSession extends AutoCloseable {
    /** The database, for messages, without secrets. */
    String describe();

    /**
     * Whether the database itself exists, checked without creating it. Engines whose server refuses a connection to
     * a missing database (and which never create one) answer true.
     */
    default boolean databaseExists() {
        return true;
    }

    /** History rows, oldest version first; empty when the database or the table does not exist. Changes nothing. */
    List<AppliedMigration> readHistory();

    /**
     * A digest of every history row as an up plans from it (every column but the down SQL, which only a rollback
     * reads), taken in one query (the database joins the rows, so a long history costs one value to read): what a run compares with the digest kept by the last
     * run that left nothing to do ({@link dev.godwit.execute.UpToDate}). Empty when the engine cannot take one or the
     * database does not exist. Changes nothing.
     *
     * @return {@code <rows>:<sha-256 of the rows>}, or {@code none} when there is no history table
     */
    default Optional<String> historyDigest() {
        return Optional.empty();
    }

    /**
     * What the last run that left nothing to do kept ({@link dev.godwit.execute.UpToDate}), read from the table next
     * to the history table ({@link HistoryTable#upToDateTable}); empty when none was kept or the engine keeps none.
     * Changes nothing.
     *
     * @return the mark, or empty
     */
    default Optional<NothingToDo> nothingToDo() {
        return Optional.empty();
    }

    /**
     * Keeps {@code mark}, replacing the one kept before (creating its table when missing). Engines that keep none
     * ignore it.
     *
     * @param mark what to keep
     */
    default void keepNothingToDo(NothingToDo mark) {
    }

    /**
     * A run found nothing to do and nothing to say.
     *
     * @param digest  a digest of what that answer depended on: the migration files, the history rows, the request
     * @param version the version the database was at then (empty text: none)
     */
    record NothingToDo(String digest, String version) {
    }

    /** Creates the history table (and the database, schema or folder it needs) when missing. */
    void ensureHistoryTable();

    /**
     * Takes the lock that lets one runner at a time change the database, waiting up to {@code timeout}; throws
     * {@link dev.godwit.GodwitException} with {@link dev.godwit.ErrorCode#LOCKED} naming the holder after that.
     */
    MigrationLock lock(Duration timeout);

    /** Who holds the migration lock, for engines that keep a lease; empty when none is held. Changes nothing. */
    default Optional<LockHolder> lockHolder() {
        return Optional.empty();
    }

    /** Removes the migration lock by force (for {@code godwit unlock}); returns whose it was. */
    default Optional<LockHolder> breakLock() {
        return Optional.empty();
    }

    /**
     * Runs one migration and its history write in one transaction. Inside it, re-checks that the migration is
     * still to do (for up: no row for the version; for down: a row exists); when not, changes nothing and returns
     * {@link Outcome#ALREADY_DONE}. A failing statement rolls everything back and throws
     * {@link StatementFailure}.
     */
    Outcome apply(Change change);

    /**
     * Whether {@link #apply} runs {@link Work.Code} (Java migrations) in the change's transaction; engines that
     * take SQL only (remote libSQL: one batch per migration) answer false, and plans with code are refused.
     */
    default boolean runsCode() {
        return false;
    }

    /**
     * Runs {@code code} on the migration connection in a transaction of its own (application callbacks), for
     * engines that {@link #runsCode()}; the code's exception is thrown as it is, after the rollback.
     */
    default void run(Work.Code code) throws Exception {
        throw new UnsupportedOperationException(describe() + " runs no code");
    }

    /** Runs one statement on its own, outside any transaction (for {@code -- godwit:no-transaction}). */
    void executeAlone(Statement statement, int index);

    /**
     * Runs {@code code} on the migration connection outside any transaction (a Java migration that runs without
     * one, as {@link #executeAlone} runs a statement), for engines that {@link #runsCode()}. A failure surfaces as
     * {@link StatementFailure} naming {@code what}; what the code did before it stays done.
     */
    default void runAlone(Work.Code code, Statement what) {
        throw new UnsupportedOperationException(describe() + " runs no code");
    }

    /**
     * Reads another tool's table whole, changing nothing ({@code import}): in the configured schema where the engine
     * has schemas. Empty when there is no such table (or no database).
     *
     * @param name the table's name exactly as the tool created it ({@code SequelizeMeta} keeps its case)
     */
    default java.util.Optional<TableRows> readTable(String name) {
        throw new UnsupportedOperationException(describe() + " cannot read other tables");
    }

    /**
     * Writes {@code rows} into an empty history table in one transaction: all of them or none. Returns false, writing
     * nothing, when the history table has a row already (another runner moved first).
     */
    default boolean insertHistory(java.util.List<AppliedMigration> rows) {
        throw new UnsupportedOperationException(describe() + " cannot write history rows in one transaction");
    }

    /** Inserts a history row; returns false when a row for that version already exists. */
    boolean insertHistory(AppliedMigration row);

    /** Replaces the history row of {@code row.version()}. */
    void updateHistory(AppliedMigration row);

    /** Deletes the history row of a version; returns whether there was one. */
    boolean deleteHistory(Version version);

    /**
     * Cancels the statement running now on another thread, if the engine can (its transaction then rolls back and
     * the statement fails); does nothing by default.
     */
    default void abortRunningStatement() {
    }

    /** What this engine does around a run that changes the database (backups, checks); none by default. */
    default Safeguards safeguards() {
        return Safeguards.NONE;
    }

    @Override
    void close();

    /** What {@link #apply} did: the change, or nothing because another runner had done it first. */
    enum Outcome {
        /** The change was made and recorded. */
        DONE,
        /** History already showed the change done (another runner); nothing was changed. */
        ALREADY_DONE
    }
}
