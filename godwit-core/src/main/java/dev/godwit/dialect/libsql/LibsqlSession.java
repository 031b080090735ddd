package dev.godwit.dialect.libsql;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Change;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.HistoryTable;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.dialect.StatementFailure;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote libSQL database, one HTTP request per unit of work. There is no connection to hold: every
 * {@link #apply} is one {@link TransactionalBatch}, so no transaction ever stays open between requests.
 *
 * <p>Up, as one request:
 * <pre>
 *   BEGIN IMMEDIATE
 *   INSERT INTO history (version, ...)         the history row first
 *   statement 1 .. n                           each only if the step before it succeeded
 *   COMMIT                                     only if statement n succeeded
 *   ROLLBACK                                   if BEGIN succeeded and COMMIT did not
 * </pre>
 * A concurrent runner applying the same version fails on the history table's primary key, its whole batch rolls
 * back, and it reports the migration as done by another runner: each migration is applied exactly once.
 *
 * <p>Down, as one request: BEGIN IMMEDIATE, a guard that fails when the version's history row is absent (so a
 * second runner reverting the same version runs none of the down statements and reports it as already done; the
 * affected-row count of a DELETE cannot tell, tursodb always reports 0), the DELETE of the row, the down
 * statements, COMMIT, and the conditional ROLLBACK.
 *
 * <p>Because every migration travels whole in one request, a migration is not chunked: one above the client's
 * request limit ({@link HranaClient.Options#maxRequestBytes()}, 4 MiB) is refused before it is sent. Splitting it
 * into several requests would need a transaction held open across them, which a Hrana HTTP stream cannot
 * guarantee to roll back when the runner dies between requests.
 *
 * <p>The history table has exactly the schema of the JDBC dialects' history table, so a database can move between
 * a local file and a server.
 */
final class LibsqlSession implements DatabaseSession {
    private static final Logger LOG = LoggerFactory.getLogger(LibsqlSession.class);
    private static final String COLUMNS = HistoryTable.COLUMNS;
    private static final String SERVER_CLOCK_MS = "CAST(julianday('now') * 86400000 AS INTEGER)";
    private static final long MAX_BACKOFF_MS = 1_000;

    private final GodwitConfig config;
    private final HranaClient client;
    private final String table;

    LibsqlSession(GodwitConfig config, HranaClient client) {
        this.config = config;
        this.client = client;
        this.table = "\"" + config.table() + "\"";
        if (config.versionTable() != null) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "a version table (" + config.versionTable() + ") is "
                    + "not kept on remote libSQL yet: its update cannot travel in the migration's batch",
                    "run without --version-table against " + client.url() + ", or use a local libSQL/SQLite file");
        }
    }

    @Override
    public String describe() {
        return "libSQL database " + client.url();
    }

    @Override
    public List<AppliedMigration> readHistory() {
        if (!historyTableExists()) {
            return List.of();
        }
        HistoryTable.requireOurs(table, client.query(HranaStatement.of("SELECT * FROM " + table + " LIMIT 0"))
                .columns());
        StatementResult result = client.query(HranaStatement.of("SELECT " + COLUMNS + " FROM " + table));
        List<AppliedMigration> rows = new ArrayList<>();
        for (List<Object> r : result.rows()) {
            rows.add(new AppliedMigration(Version.parse(text(r.get(0))), text(r.get(1)), text(r.get(2)),
                    text(r.get(3)), text(r.get(4)), text(r.get(5)), text(r.get(6)), text(r.get(7)),
                    number(r.get(8)), number(r.get(9)) != 0, text(r.get(10))));
        }
        rows.sort(Comparator.comparing(AppliedMigration::version));
        return rows;
    }

    /**
     * The same DDL as the JDBC dialects' history table; the CLI contract test
     * {@code theHistoryTableHasTheSameSchemaAsOnALocalFile} keeps them equal.
     */
    String createHistoryTableSql() {
        return HistoryTable.createSql(table);
    }

    @Override
    public void ensureHistoryTable() {
        client.execute(HranaStatement.of(createHistoryTableSql()));
    }

    /**
     * No lock: a Hrana HTTP request holds no session that could keep a lock, and a lease row would outlive a
     * crashed runner. Exactly-once comes from the history row, which each migration's batch inserts first (see the
     * class comment). Two runners may therefore interleave different migrations, each atomically and in order
     * within its own run.
     */
    @Override
    public MigrationLock lock(Duration timeout) {
        return MigrationLock.NONE;
    }

    @Override
    public Outcome apply(Change change) {
        refuseForeignKeysOff(change);
        if (change.work() instanceof dev.godwit.dialect.Work.Stream w) {
            throw new dev.godwit.GodwitException(dev.godwit.ErrorCode.MIGRATION_FILE, change.script() + ": too large "
                    + "for remote libSQL: a migration travels as one request with its history row, and a file this "
                    + "size is read as a stream; nothing was changed by it", "split it into smaller migrations");
        }
        List<HranaStatement> steps = new ArrayList<>();
        if (change.direction() == Direction.UP && change.replaces() != null) {
            // a repeatable migration applied again: only while its row is still the one replaced
            steps.add(guardRowIs(change.version(), change.replaces().checksum()));
            steps.add(deleteRow(change.version()));
            steps.add(insertRowStartingClock(change.row()));
        } else if (change.direction() == Direction.UP) {
            steps.add(insertRowStartingClock(change.row()));
        } else {
            steps.add(guardRowPresent(change.version()));
            steps.add(deleteRow(change.version()));
        }
        int bookkeeping = steps.size();
        for (Statement st : change.statements()) {
            LOG.debug("{} line {}: {}", change.script(), st.line(), st.sql());
            steps.add(HranaStatement.of(st.sql()));
        }
        if (change.direction() == Direction.UP) {
            steps.add(stopClock(change.row().version()));
        }
        TransactionalBatch tx = TransactionalBatch.of(steps);
        refuseWhenTooLarge(tx, change);
        TransactionalBatch.Outcome outcome;
        try {
            outcome = runWhenBeginSucceeds(tx, change.script());
        } catch (HranaServerException e) {
            throw refusedWhole(change, e);
        }
        logRollbackError(outcome);
        if (outcome.committed()) {
            return Outcome.DONE;
        }
        TransactionalBatch.Failure failure = outcome.failure();
        int index = failure.statementIndex();
        if (index == TransactionalBatch.Failure.COMMIT) {
            throw new GodwitException(ErrorCode.MIGRATION_FAILED, "COMMIT of " + change.script() + " failed on "
                    + describe() + ": " + failure.error() + "; its transaction was rolled back",
                    "check the constraints the migration leaves violated (e.g. deferred foreign keys)");
        }
        if (index < bookkeeping) {
            return bookkeepingFailed(change, failure);
        }
        int i = index - bookkeeping;
        if (i >= change.statements().size()) {
            throw new GodwitException(ErrorCode.DATABASE, "recording " + change.script() + " in " + table
                    + " failed on " + describe() + ": " + failure.error() + "; its transaction was rolled back",
                    "check that the history table is writable");
        }
        Statement st = change.statements().get(i);
        throw new StatementFailure(st, i, failure.error().toString(), hintFor(failure.error()), null);
    }

    /**
     * The server refused the whole request without running any of it. sqld does so when it cannot parse one of
     * the statements (a syntax error, or a statement it does not support such as {@code VACUUM}) and does not say
     * which; find it, so the error can name its line.
     */
    private RuntimeException refusedWhole(Change change, HranaServerException e) {
        if (!"SQL_PARSE_ERROR".equals(e.error().code())) {
            return e;
        }
        int i = firstUnparseable(change.statements());
        if (i < 0) {
            return e;
        }
        Statement st = change.statements().get(i);
        return new StatementFailure(st, i, e.error() + "; nothing of the migration ran", hintFor(e.error()), e);
    }

    /**
     * The index of the first statement the server cannot parse, or -1: a binary search with batches whose steps
     * all carry a condition that is never true (an empty {@code or}), so the server parses them and runs none.
     */
    private int firstUnparseable(List<Statement> statements) {
        if (parses(statements, 0, statements.size())) {
            return -1;
        }
        int lo = 0;
        int hi = statements.size();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (parses(statements, lo, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean parses(List<Statement> statements, int from, int to) {
        HranaBatch.Builder probe = HranaBatch.builder();
        for (Statement st : statements.subList(from, to)) {
            probe.add(HranaStatement.of(st.sql()), BatchCondition.or());
        }
        try {
            client.batch(probe.build());
            return true;
        } catch (HranaServerException e) {
            return false;
        }
    }

    /** The history insert (up) or the row guard or delete (down) failed: another runner may have been first. */
    private Outcome bookkeepingFailed(Change change, TransactionalBatch.Failure failure) {
        boolean present = rowExists(change.version());
        if (change.direction() == Direction.UP && change.replaces() != null
                && change.alreadyDone(present, present ? checksumOf(change.version()) : null)) {
            LOG.debug("{} in {} is no longer the row replaced: another runner applied it again", change.version(),
                    table);
            return Outcome.ALREADY_DONE;
        }
        if (change.direction() == Direction.UP && present && isConstraintError(failure.error())) {
            LOG.debug("{} is already in {}: another runner applied it", change.version(), table);
            return Outcome.ALREADY_DONE;
        }
        if (change.direction() == Direction.DOWN && !present) {
            LOG.debug("{} is no longer in {}: another runner reverted it", change.version(), table);
            return Outcome.ALREADY_DONE;
        }
        throw new GodwitException(ErrorCode.DATABASE, "recording " + change.script() + " in " + table + " failed on "
                + describe() + ": " + failure.error() + "; nothing of it was applied",
                "check that the history table " + table + " has the schema Godwit creates");
    }

    @Override
    public void executeAlone(Statement statement, int index) {
        LOG.debug("line {}: {}", statement.line(), statement.sql());
        try {
            client.execute(HranaStatement.of(statement.sql()));
        } catch (HranaServerException e) {
            throw new StatementFailure(statement, index, e.error().toString(), hintFor(e.error()), e);
        }
    }

    @Override
    public boolean insertHistory(AppliedMigration row) {
        try {
            client.execute(insertRow(row));
            return true;
        } catch (HranaServerException e) {
            if (isConstraintError(e.error()) && rowExists(row.version())) {
                return false;
            }
            throw e;
        }
    }

    /** All rows in one batch, after a guard that fails (skipping them) when history has a row already. */
    @Override
    public boolean insertHistory(List<AppliedMigration> rows) {
        List<HranaStatement> steps = new ArrayList<>();
        steps.add(HranaStatement.of("SELECT json(CASE WHEN EXISTS (SELECT 1 FROM " + table
                + ") THEN 'history not empty' ELSE '1' END)"));
        rows.forEach(r -> steps.add(insertRow(r)));
        TransactionalBatch.Outcome outcome = runWhenBeginSucceeds(TransactionalBatch.of(steps),
                rows.size() + " history row(s)");
        if (outcome.committed()) {
            return true;
        }
        if (outcome.failure().statementIndex() == 0) {
            return false;
        }
        throw new GodwitException(ErrorCode.DATABASE, "writing " + rows.size() + " history row(s) failed on "
                + describe() + ": " + outcome.failure().describe() + "; none was written", "");
    }

    @Override
    public java.util.Optional<dev.godwit.dialect.TableRows> readTable(String name) {
        if (client.query(HranaStatement.of("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name))
                .singleValue() == null) {
            return java.util.Optional.empty();
        }
        String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
        StatementResult result = client.query(HranaStatement.of("SELECT * FROM " + quoted));
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> r : result.rows()) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < result.columns().size(); i++) {
                row.put(result.columns().get(i), r.get(i));
            }
            rows.add(row);
        }
        return java.util.Optional.of(new dev.godwit.dialect.TableRows(name, result.columns(), rows,
                java.time.ZoneOffset.UTC));
    }

    @Override
    public void updateHistory(AppliedMigration row) {
        TransactionalBatch.Outcome outcome = runWhenBeginSucceeds(
                TransactionalBatch.of(List.of(deleteRow(row.version()), insertRow(row))), "history row " + row.version());
        if (!outcome.committed()) {
            throw new GodwitException(ErrorCode.DATABASE, "updating history row " + row.version() + " failed on "
                    + describe() + ": " + outcome.failure().describe(), "");
        }
    }

    /** Tells whether the row was there by reading first: tursodb reports 0 affected rows for every DELETE. */
    @Override
    public boolean deleteHistory(Version version) {
        boolean present = rowExists(version);
        client.execute(deleteRow(version));
        return present;
    }

    /** Nothing to release: each request stood alone. */
    @Override
    public void close() {
    }

    private boolean historyTableExists() {
        return client.query(HranaStatement.of(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", config.table())).singleValue() != null;
    }

    private boolean rowExists(Version version) {
        return historyTableExists() && client.query(HranaStatement.of(
                "SELECT 1 FROM " + table + " WHERE version = ?", version.text())).singleValue() != null;
    }

    private String checksumOf(Version version) {
        Object v = client.query(HranaStatement.of("SELECT checksum FROM " + table + " WHERE version = ?",
                version.text())).singleValue();
        return v == null ? null : v.toString();
    }

    private HranaStatement insertRow(AppliedMigration r) {
        return HranaStatement.of("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.version().text(), r.description(), r.script(), r.checksum(), r.downSql(), r.kind(), r.appliedAt(),
                r.appliedBy(), r.executionMs(), r.success(), r.note());
    }

    /**
     * The history insert of a migration's batch. The batch cannot be timed from here (it is one request), so the
     * row's execution_ms first holds the server's clock in ms, and {@link #stopClock} turns it into the duration
     * just before COMMIT: both read the server's clock, so client clock skew does not matter.
     */
    private HranaStatement insertRowStartingClock(AppliedMigration r) {
        return HranaStatement.of("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        + SERVER_CLOCK_MS + ", ?, ?)",
                r.version().text(), r.description(), r.script(), r.checksum(), r.downSql(), r.kind(), r.appliedAt(),
                r.appliedBy(), r.success(), r.note());
    }

    private HranaStatement stopClock(Version version) {
        return HranaStatement.of("UPDATE " + table + " SET execution_ms = max(0, " + SERVER_CLOCK_MS
                + " - execution_ms) WHERE version = ?", version.text());
    }

    private HranaStatement deleteRow(Version version) {
        return HranaStatement.of("DELETE FROM " + table + " WHERE version = ?", version.text());
    }

    /**
     * A statement that fails when the version has no history row, so the steps after it are skipped. SQL has no
     * portable "raise" outside triggers; {@code json()} of a non-JSON text is an error on every libSQL server.
     */
    private HranaStatement guardRowPresent(Version version) {
        return HranaStatement.of("SELECT json(CASE WHEN EXISTS (SELECT 1 FROM " + table
                + " WHERE version = ?) THEN '1' ELSE 'history row absent' END)", version.text());
    }

    /** As {@link #guardRowPresent}, for a row of that version with that checksum. */
    private HranaStatement guardRowIs(Version version, String checksum) {
        return HranaStatement.of("SELECT json(CASE WHEN EXISTS (SELECT 1 FROM " + table
                + " WHERE version = ? AND checksum IS ?) THEN '1' ELSE 'history row changed' END)", version.text(),
                checksum);
    }

    /**
     * Sends the batch; when its BEGIN failed because another transaction holds the database (sqld: busy; tursodb,
     * whose requests share one connection: a transaction already open), nothing of it ran, so it is sent again
     * with backoff until the lock timeout.
     */
    private TransactionalBatch.Outcome runWhenBeginSucceeds(TransactionalBatch tx, String what) {
        Duration timeout = config.lockTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 25;
        while (true) {
            TransactionalBatch.Outcome outcome = tx.run(client);
            if (outcome.committed() || outcome.failure().statementIndex() != TransactionalBatch.Failure.BEGIN) {
                return outcome;
            }
            ServerError error = outcome.failure().error();
            if (!isBusy(error)) {
                throw new GodwitException(ErrorCode.DATABASE, "starting a transaction for " + what + " failed on "
                        + describe() + ": " + error, "");
            }
            if (System.nanoTime() >= deadline) {
                throw new GodwitException(ErrorCode.LOCKED, "another runner holds " + describe() + " (still busy after "
                        + timeout.toSeconds() + " s: " + error + ")",
                        "wait for the other runner to finish, or " + Actions.RAISE_LOCK_TIMEOUT);
            }
            LOG.debug("{} is busy ({}); retrying {} in {} ms", describe(), error, what, backoff);
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /**
     * {@code PRAGMA foreign_keys} cannot change inside a transaction, and the batch opens one first. Ignoring the
     * directive would be worse than refusing it: sqld enforces foreign keys, so the DROP TABLE of a table rebuild
     * would cascade or fail.
     */
    private void refuseForeignKeysOff(Change change) {
        if (change.directives().foreignKeysOff()) {
            throw new GodwitException(ErrorCode.PLAN_REFUSED, change.script() + " asks for -- godwit:foreign-keys off, "
                    + "which remote libSQL does not support yet; nothing of it was sent",
                    "rebuild the table without the directive (create the new table, copy, drop, rename in an order "
                            + "the foreign keys allow), or run the migration on a local copy");
        }
    }

    private void refuseWhenTooLarge(TransactionalBatch tx, Change change) {
        int bytes = client.requestBytes(tx.batch());
        if (bytes > client.maxRequestBytes()) {
            throw new GodwitException(ErrorCode.MIGRATION_FAILED, change.script() + " would be a request of " + bytes
                    + " bytes (" + change.statements().size() + " statements), above the limit of "
                    + client.maxRequestBytes() + " bytes for one libSQL request; nothing of it was sent (migrations "
                    + "before it in this run stay applied)",
                    "split it into several migrations: each migration travels as one request so that it applies "
                            + "atomically, and is never chunked");
        }
    }

    /** A failed ROLLBACK after SQLite rolled back by itself is expected; anything else is worth a warning. */
    private static void logRollbackError(TransactionalBatch.Outcome outcome) {
        ServerError error = outcome.rollbackError();
        if (error == null) {
            return;
        }
        if (error.message().toLowerCase(Locale.ROOT).contains("no transaction is active")) {
            LOG.debug("ROLLBACK: {}", error);
        } else {
            LOG.warn("ROLLBACK failed: {}", error);
        }
    }

    static boolean isConstraintError(ServerError error) {
        return (error.code() + " " + error.message()).toUpperCase(Locale.ROOT).contains("CONSTRAINT");
    }

    static boolean isBusy(ServerError error) {
        String text = (error.code() + " " + error.message()).toLowerCase(Locale.ROOT);
        return text.contains("busy") || text.contains("locked") || text.contains("within a transaction");
    }

    /** A remedy the server's message points to; empty when none. */
    static String hintFor(ServerError error) {
        String m = error.message().toLowerCase(Locale.ROOT);
        if (m.contains("within a transaction") || m.contains("from within a transaction")) {
            return "this statement cannot run inside a transaction: put it in its own migration whose first line is "
                    + "-- godwit:no-transaction";
        }
        return "";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return "true".equalsIgnoreCase(s.strip()) ? 1 : 0;
            }
        }
        return 0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.LOCKED, "interrupted while waiting for a busy libSQL database", "");
        }
    }
}
