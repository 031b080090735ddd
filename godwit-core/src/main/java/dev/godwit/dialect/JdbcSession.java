package dev.godwit.dialect;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import dev.godwit.sql.TransactionControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JDBC engines share: the history table's SQL and one migration per transaction with its history write.
 * Engines supply the connection, the table's qualified name and how a transaction begins.
 */
public abstract class JdbcSession implements DatabaseSession {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSession.class);
    private static final String COLUMNS = HistoryTable.COLUMNS;

    protected final GodwitConfig config;
    private Connection connection;
    private volatile java.sql.Statement running;

    protected JdbcSession(GodwitConfig config) {
        this.config = config;
    }

    /** Opens the connection; {@code create}: the database (file) may be created. */
    protected abstract Connection connect(boolean create) throws SQLException;

    /** Whether the database exists at all, checked without creating it. */
    @Override
    public abstract boolean databaseExists();

    /** The history table's name, quoted and qualified as needed. */
    protected abstract String historyTable();

    protected abstract boolean historyTableExists(Connection c) throws SQLException;

    /** Starts a write transaction (waiting for a busy database as the engine does). */
    protected void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    protected void commit(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
    }

    protected void rollback(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    /** Runs one statement; engines override for special statements (COPY). */
    protected void execute(Connection c, Statement statement) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            executeCancellable(s, statement.sql());
        }
    }

    /** Runs {@code sql} on {@code s} so that {@link #abortRunningStatement()} can cancel it meanwhile. */
    protected final void executeCancellable(java.sql.Statement s, String sql) throws SQLException {
        runCancellable(s, () -> s.execute(sql));
    }

    /** Runs {@code work} so that {@link #abortRunningStatement()} cancels {@code s} (and so the work) meanwhile. */
    protected final void runCancellable(java.sql.Statement s, SqlAction work) throws SQLException {
        running = s;
        try {
            work.run();
        } finally {
            running = null;
        }
    }

    /** Work on the database that may throw {@link SQLException}. */
    @FunctionalInterface
    protected interface SqlAction {
        void run() throws SQLException;
    }

    @Override
    public void abortRunningStatement() {
        java.sql.Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                LOG.debug("cancelling the running statement failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Puts the connection back into the session state Godwit opened it with (PostgreSQL: settings, role, search
     * path; SQLite: pragmas), so that every migration starts alike whatever ran before it. Called before each
     * migration: before its transaction begins, or before the first statement of a no-transaction migration.
     */
    protected void resetSession(Connection c) throws SQLException {
    }

    /**
     * Called inside a migration's transaction after its statements, just before its history row is written: undoes
     * for the rest of the transaction whatever the statements changed that the history write depends on (e.g. a
     * {@code SET ROLE}), and says whether the transaction is still the one {@link #begin} started. False when a
     * statement ended it early (a {@code COMMIT} or {@code ROLLBACK} that got past the file checks).
     */
    protected boolean beforeHistoryWrite(Connection c) throws SQLException {
        return true;
    }

    /**
     * Runs history reads and writes made outside a migration's transaction; engines wrap them so that they do not
     * run under session state a migration changed (PostgreSQL: role and search path, for that work only).
     */
    protected <T> T bookkeeping(Connection c, SqlWork<T> work) throws SQLException {
        return work.run(c);
    }

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** The error code of a failed statement: {@link ErrorCode#MIGRATION_FAILED} unless the engine knows better. */
    protected ErrorCode codeFor(SQLException e) {
        return ErrorCode.MIGRATION_FAILED;
    }

    /**
     * Whether {@code e} means that the connection itself is gone (the server ended the session, restarted, the
     * network failed), rather than that the statement was refused: then the outcome of a change in flight is read
     * again on a new connection. None by default.
     */
    protected boolean connectionLost(SQLException e) {
        return false;
    }

    /**
     * When {@code e} says that the database could not grow (a full disk, a file size limit), what to tell the user
     * about it ("the disk holding app.db is full"); null otherwise. None by default.
     */
    protected String storageFull(SQLException e) {
        return null;
    }

    /** Checks done inside the transaction just before COMMIT (e.g. foreign keys); throw to roll back. */
    protected void beforeCommit(Connection c, Change change) throws SQLException {
    }

    /** The database's message for a failed statement, as shown to the user (never with secrets). */
    protected String messageOf(SQLException e) {
        return DatabaseUrlText.redact(e.getMessage());
    }

    /** A remedy for a failed statement, specific to the engine; empty when none. */
    protected String hintFor(SQLException e, Statement statement) {
        return "";
    }

    /** Turns a connection-level error into the error to show. */
    protected GodwitException databaseError(String doing, SQLException e) {
        return new GodwitException(ErrorCode.DATABASE, doing + " failed on " + describe() + ": "
                + DatabaseUrlText.redact(e.getMessage()), "check that the database is reachable and writable", e);
    }

    protected final Connection connection(boolean create) {
        if (connection == null) {
            try {
                connection = connect(create);
            } catch (SQLException e) {
                throw databaseError("connecting", e);
            }
        }
        return connection;
    }

    protected final boolean isConnected() {
        return connection != null;
    }

    @Override
    public List<AppliedMigration> readHistory() {
        if (connection == null && !databaseExists()) {
            return List.of();
        }
        Connection c = connection(false);
        try {
            return bookkeeping(c, this::readRows);
        } catch (SQLException e) {
            throw databaseError("reading history table " + historyTable(), e);
        }
    }

    private List<AppliedMigration> readRows(Connection c) throws SQLException {
        if (!historyTableExists(c)) {
            return List.of();
        }
        HistoryTable.requireOurs(historyTable(), columnsOfHistoryTable(c));
        List<AppliedMigration> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + historyTable());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new AppliedMigration(Version.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getLong(9), rs.getBoolean(10), rs.getString(11)));
            }
        }
        rows.sort(Comparator.comparing(AppliedMigration::version));
        return rows;
    }

    @Override
    public java.util.Optional<String> historyDigest() {
        String sql = historyDigestSql();
        if (sql == null || (connection == null && !databaseExists())) {
            return java.util.Optional.empty();
        }
        try {
            return bookkeeping(connection(false), c -> {
                if (!historyTableExists(c)) {
                    return java.util.Optional.of("none");
                }
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return java.util.Optional.empty();
                    }
                    long rows = rs.getLong(1);
                    String joined = rs.getString(2);
                    return java.util.Optional.of(rows + ":" + dev.godwit.migration.Checksum.sha256Hex(
                            joined == null ? "" : joined));
                }
            });
        } catch (SQLException | GodwitException e) {
            LOG.debug("no digest of the history table: {}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public java.util.Optional<NothingToDo> nothingToDo() {
        if (historyDigestSql() == null || (connection == null && !databaseExists())) {
            return java.util.Optional.empty();
        }
        String name = HistoryTable.upToDateTable(config.table());
        try {
            return bookkeeping(connection(false), c -> {
                if (!tableExists(c, name)) {
                    return java.util.Optional.empty();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT digest, version FROM " + otherTable(name)
                        + " WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(new NothingToDo(rs.getString(1), rs.getString(2)))
                            : java.util.Optional.empty();
                }
            });
        } catch (SQLException | GodwitException e) {
            LOG.debug("nothing kept by the last run with nothing to do: {}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public void keepNothingToDo(NothingToDo mark) {
        if (historyDigestSql() == null) {
            return;
        }
        String table = otherTable(HistoryTable.upToDateTable(config.table()));
        Connection c = connection(true);
        try {
            begin(c);
            try {
                bookkeeping(c, x -> {
                    try (java.sql.Statement s = x.createStatement()) {
                        s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER PRIMARY KEY CHECK (id = 1), "
                                + "digest TEXT NOT NULL, version TEXT NOT NULL, recorded_at TEXT NOT NULL)");
                    }
                    try (PreparedStatement ps = x.prepareStatement("INSERT INTO " + table + " (id, digest, version, "
                            + "recorded_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET digest = "
                            + "excluded.digest, version = excluded.version, recorded_at = excluded.recorded_at")) {
                        ps.setString(1, mark.digest());
                        ps.setString(2, mark.version());
                        ps.setString(3, java.time.Instant.now(config.clock())
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
                        ps.executeUpdate();
                    }
                    return null;
                });
                commit(c);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw databaseError("keeping what the run found in " + table, e);
        }
    }

    /**
     * The query behind {@link #historyDigest}: one row of the number of history rows and, joined in a fixed order,
     * every row's columns an up reads (all of {@link HistoryTable#COLUMNS} but {@code down_sql}, a NULL told from any
     * text); null when the engine has none.
     */
    protected String historyDigestSql() {
        return null;
    }

    private List<String> columnsOfHistoryTable(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + historyTable() + " WHERE 1 = 0");
             ResultSet rs = ps.executeQuery()) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i));
            }
            return columns;
        }
    }

    /** The history table's DDL; portable across SQLite and PostgreSQL. */
    protected String createHistoryTableSql() {
        return HistoryTable.createSql(historyTable());
    }

    @Override
    public void ensureHistoryTable() {
        Connection c = connection(true);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(createHistoryTableSql());
        } catch (SQLException e) {
            throw databaseError("creating history table " + historyTable(), e);
        }
    }

    @Override
    public void run(Work.Code code) throws Exception {
        Connection c = connection(true);
        resetSession(c);
        begin(c);
        boolean done = false;
        try {
            code.action().run(c);
            commit(c);
            done = true;
        } finally {
            if (!done) {
                rollback(c);
            }
        }
    }

    /** JDBC engines run Java migrations on the migration's connection, inside its transaction. */
    @Override
    public boolean runsCode() {
        return true;
    }

    /**
     * Starts {@code change}: resets the session ({@link #resetSession}), begins its transaction ({@link #begin}) and
     * reads, inside it, the version's history row, returned ({@code null}: none). Engines may do all three in one
     * round trip. A {@link SQLException} may leave the transaction open ({@link #apply} rolls it back); anything
     * else thrown must leave none.
     */
    protected RowFound startChange(Connection c, Change change) throws SQLException {
        try {
            resetSession(c);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw e;
            }
            throw databaseError("resetting the session before " + change.script(), e);
        }
        try {
            begin(c);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw e;
            }
            throw databaseError("starting a transaction", e);
        }
        return historyRow(c, change.version());
    }

    /**
     * Ends {@code change}'s transaction after its work: checks that it is still the one {@link #begin} started
     * ({@link #beforeHistoryWrite}; false, having written nothing, when a statement ended it early), writes
     * {@code written} (up) or deletes the version's row (down), keeps the version table, runs
     * {@link #beforeCommit} and commits. Engines may send it all in one round trip.
     */
    protected boolean finishChange(Connection c, Change change, AppliedMigration written) throws SQLException {
        if (!beforeHistoryWrite(c)) {
            return false;
        }
        if (change.direction() == Direction.UP) {
            if (change.replaces() != null) {
                updateRow(c, written);
            } else {
                insertRow(c, written);
            }
        } else {
            deleteRow(c, change.version());
        }
        syncVersionTable(c);
        beforeCommit(c, change);
        commit(c);
        return true;
    }

    @Override
    public Outcome apply(Change change) {
        Connection c = connection(true);
        RowFound row;
        try {
            row = startChange(c, change);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw lost(change, null, -1, e);
            }
            rollback(c);
            throw databaseError("recording " + change.script() + " in " + historyTable(), e);
        }
        boolean done = false;
        try {
            if (change.alreadyDone(row != null, row == null ? null : row.checksum())) {
                rollback(c);
                done = true;
                return Outcome.ALREADY_DONE;
            }
            long t0 = System.nanoTime();
            if (change.work() instanceof Work.Code code) {
                Statement what = new Statement("-- java " + code.name(), 1);
                LOG.debug("{}: running {}", change.script(), code.name());
                try {
                    code.action().run(c);
                } catch (Exception e) {
                    SQLException sql = e instanceof SQLException s ? s : null;
                    if (sql != null && connectionLost(sql)) {
                        done = true;
                        throw lost(change, what, 0, sql);
                    }
                    rollback(c);
                    done = true;
                    String message = sql != null ? messageOf(sql) : e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    throw new StatementFailure(what, 0, message, sql != null ? hintFor(sql, what) : "",
                            sql != null ? codeFor(sql) : dev.godwit.ErrorCode.MIGRATION_FAILED, e);
                }
            }
            dev.godwit.migration.SectionStream stream = change.work() instanceof Work.Stream w
                    ? w.section().stream() : null;
            try {
                java.util.Iterator<Statement> statements = stream != null ? stream
                        : change.work() instanceof Work.Code ? java.util.Collections.emptyIterator()
                        : change.statements().iterator();
                Statement ender = null;
                Statement last = null;
                int i = 0;
                for (; statements.hasNext(); i++) {
                    Statement st = statements.next();
                    last = st;
                    if (stream != null) {
                        ((Work.Stream) change.work()).onEach().accept(st, stream);
                    }
                    LOG.debug("{} line {}: {}", change.script(), st.line(), st.sql());
                    try {
                        executeInTransaction(c, st, i);
                    } catch (SQLException e) {
                        done = true;
                        throw statementFailed(c, change, ender, HeldStatementFailed.unwrap(e, st, i));
                    }
                    if (ender == null && TransactionControl.ends(st.sql())) {
                        ender = st;
                    }
                }
                try {
                    runHeldStatements(c);
                } catch (SQLException e) {
                    done = true;
                    throw statementFailed(c, change, ender, HeldStatementFailed.unwrap(e, last, i - 1));
                }
            } finally {
                if (stream != null) {
                    stream.close();
                }
            }
            AppliedMigration written = change.direction() == Direction.UP ? change.row().withOutcome(true,
                    (System.nanoTime() - t0) / 1_000_000, change.row().note()) : null;
            if (written != null && written.checksum() == null && stream != null) {
                // a large section: hashed as it was read to run (known now, no second read)
                written = written.withChecksum(((Work.Stream) change.work()).section().textChecksum());
            }
            if (!finishChange(c, change, written)) {
                rollback(c);
                done = true;
                throw endedEarly(change);
            }
            done = true;
            return Outcome.DONE;
        } catch (SQLException e) {
            done = true;
            if (connectionLost(e)) {
                throw lost(change, null, -1, e);
            }
            rollback(c);
            String full = storageFull(e);
            if (full != null) {
                throw fullWhileCommitting(c, change, full, e);
            }
            throw databaseError("recording " + change.script() + " in " + historyTable(), e);
        } finally {
            if (!done) {
                rollback(c);
            }
        }
    }

    /** A failed statement of a migration's transaction as the user sees it: rolled back, naming the statement. */
    private RuntimeException statementFailed(Connection c, Change change, Statement ender, HeldStatementFailed f) {
        SQLException e = f.getCause() instanceof SQLException cause ? cause : f;
        if (connectionLost(e)) {
            return lost(change, f.statement(), f.index(), e);
        }
        rollback(c);
        if (ender != null) {
            return endedEarly(change, ender, f.statement(), messageOf(e), e);
        }
        return new StatementFailure(f.statement(), f.index(), messageOf(e), hintFor(e, f.statement()), codeFor(e), e);
    }

    /**
     * Runs the {@code index}th statement of a migration's transaction. An engine may hold it back and run it later
     * together with the next ones ({@link #runHeldStatements}); a statement held back that fails then throws
     * {@link HeldStatementFailed}, naming itself. By default runs it now.
     */
    protected void executeInTransaction(Connection c, Statement statement, int index) throws SQLException {
        execute(c, statement);
    }

    /** Runs the statements {@link #executeInTransaction} held back, before the history write. None by default. */
    protected void runHeldStatements(Connection c) throws SQLException {
    }

    /** A statement that was held back failed: which one, and the database's error as the cause. */
    protected static final class HeldStatementFailed extends SQLException {
        private final transient Statement statement;
        private final int index;

        public HeldStatementFailed(Statement statement, int index, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.statement = statement;
            this.index = index;
        }

        Statement statement() {
            return statement;
        }

        int index() {
            return index;
        }

        static HeldStatementFailed unwrap(SQLException e, Statement running, int index) {
            return e instanceof HeldStatementFailed h ? h : new HeldStatementFailed(running, index, e);
        }
    }

    /**
     * The connection was lost during {@code change}: whether it committed cannot be told from the error (a COMMIT
     * may have reached the server). Drops the dead connection, reads the change's history row on a new one, and
     * says what is true; the new connection is closed again, as the run stops here.
     */
    private ConnectionLost lost(Change change, Statement statement, int index, SQLException e) {
        close();
        Boolean done;
        try {
            RowFound row = bookkeeping(connection(false), x -> historyTableExists(x)
                    ? historyRow(x, change.version()) : null);
            // done when the row is as the change leaves it: the new row (up), no row (down)
            done = change.direction() == Direction.UP
                    ? row != null && (change.replaces() == null
                    || java.util.Objects.equals(row.checksum(), change.row().checksum()))
                    : row == null;
        } catch (SQLException | RuntimeException again) {
            LOG.debug("reading history again after the connection was lost: {}", again.getMessage());
            e.addSuppressed(again);
            done = null;
        } finally {
            close();
        }
        return new ConnectionLost(statement, index, messageOf(e), done, e);
    }

    /**
     * Writing the history row or committing failed because the database could not grow. Says whether the change
     * is in history after the rollback (it should not be: SQLite rolls back a transaction it cannot commit).
     */
    private GodwitException fullWhileCommitting(Connection c, Change change, String full, SQLException e) {
        boolean up = change.direction() == Direction.UP;
        String outcome;
        try {
            boolean row = historyRowExists(c, change.version());
            outcome = row == up ? change.script() + " was " + (up ? "applied" : "reverted") + " all the same (its "
                    + "history row says so)" : up ? change.script() + " was rolled back: nothing of it remains"
                    : "the rollback of " + change.script() + " was undone: it is still applied, as it was";
        } catch (SQLException again) {
            e.addSuppressed(again);
            outcome = "whether " + change.script() + " was " + (up ? "applied" : "reverted") + " could not be read "
                    + "back: check with " + Actions.STATUS;
        }
        return new GodwitException(ErrorCode.DATABASE, (up ? "migration " : "rollback of ") + change.version() + " ("
                + change.script() + ") could not be committed: " + full + "\n  database said: " + messageOf(e)
                + "\n  " + outcome, "free disk space next to the database (or raise the file size limit), then run "
                + "the command again", e);
    }

    private GodwitException endedEarly(Change change, Statement ender, Statement failed, String message,
                                       SQLException cause) {
        String what = change.direction() == Direction.UP ? "migration " : "rollback of ";
        return new GodwitException(ErrorCode.MIGRATION_FAILED, what + change.version() + " (" + change.script()
                + ") failed at line " + failed.line() + ": " + failed.excerpt() + "\n  database said: " + message
                + "\n  but " + TransactionControl.of(ender.sql()).orElse("") + " at line " + ender.line()
                + " had already ended Godwit's transaction: what ran before it stays committed, only what ran "
                + "after it was rolled back, and no history row was written",
                "check the database by hand; then remove the transaction control from " + change.script()
                        + ", or mark it '-- godwit:no-transaction' and write it so that it can be re-run", cause);
    }

    private GodwitException endedEarly(Change change) {
        String what = change.direction() == Direction.UP ? "migration " : "rollback of ";
        return new GodwitException(ErrorCode.MIGRATION_FAILED, what + change.version() + " (" + change.script()
                + ") ended Godwit's transaction early (a COMMIT, ROLLBACK, END or similar among its statements): "
                + "what ran before that statement is committed, what ran after it was rolled back, and its "
                + "history row was not written",
                "check the database by hand; then remove the transaction control from " + change.script()
                        + ", or mark it '-- godwit:no-transaction' and write it so that it can be re-run");
    }

    @Override
    public void executeAlone(Statement statement, int index) {
        Connection c = connection(true);
        if (index == 0) {
            try {
                resetSession(c);
            } catch (SQLException e) {
                throw databaseError("resetting the session", e);
            }
        }
        try {
            LOG.debug("line {}: {}", statement.line(), statement.sql());
            execute(c, statement);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                close();
                throw new ConnectionLost(statement, index, messageOf(e), null, e);
            }
            throw new StatementFailure(statement, index, messageOf(e), hintFor(e, statement), codeFor(e), e);
        }
    }

    @Override
    public void runAlone(Work.Code code, Statement what) {
        Connection c = connection(true);
        try {
            resetSession(c);
        } catch (SQLException e) {
            throw databaseError("resetting the session", e);
        }
        LOG.debug("{}: running {} without a transaction", what.sql(), code.name());
        try {
            code.action().run(c);
        } catch (Exception e) {
            SQLException sql = e instanceof SQLException s ? s : null;
            if (sql != null && connectionLost(sql)) {
                close();
                throw new ConnectionLost(what, 0, messageOf(sql), null, sql);
            }
            String message = sql != null ? messageOf(sql) : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new StatementFailure(what, 0, message, sql != null ? hintFor(sql, what) : "",
                    sql != null ? codeFor(sql) : dev.godwit.ErrorCode.MIGRATION_FAILED, e);
        } finally {
            try {
                if (!c.isClosed() && !c.getAutoCommit()) { // the code opened a transaction and left it open
                    rollback(c);
                }
            } catch (SQLException e) {
                LOG.debug("after {}: {}", code.name(), e.getMessage());
            }
        }
    }

    @Override
    public boolean insertHistory(AppliedMigration row) {
        Connection c = connection(true);
        try {
            return withVersionTable(c, x -> {
                if (historyRowExists(x, row.version())) {
                    return false;
                }
                insertRow(x, row);
                return true;
            });
        } catch (SQLException e) {
            try {
                if (bookkeeping(c, x -> historyRowExists(x, row.version()))) {
                    return false;
                }
            } catch (SQLException ignored) {
                // fall through to the original error
            }
            throw databaseError("writing history row " + row.version(), e);
        }
    }

    @Override
    public void updateHistory(AppliedMigration row) {
        Connection c = connection(true);
        try {
            withVersionTable(c, x -> {
                updateRow(x, row);
                return null;
            });
        } catch (SQLException e) {
            throw databaseError("updating history row " + row.version(), e);
        }
    }

    @Override
    public boolean insertHistory(List<AppliedMigration> rows) {
        Connection c = connection(true);
        try {
            begin(c);
        } catch (SQLException e) {
            throw databaseError("starting a transaction", e);
        }
        boolean done = false;
        try {
            boolean written = bookkeeping(c, x -> {
                try (PreparedStatement ps = x.prepareStatement("SELECT 1 FROM " + historyTable());
                     ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
                for (AppliedMigration r : rows) {
                    insertRow(x, r);
                }
                syncVersionTable(x);
                return true;
            });
            if (written) {
                commit(c);
            } else {
                rollback(c);
            }
            done = true;
            return written;
        } catch (SQLException e) {
            rollback(c);
            done = true;
            throw databaseError("writing " + rows.size() + " history row(s) in one transaction", e);
        } finally {
            if (!done) {
                rollback(c);
            }
        }
    }

    /**
     * Runs a history write outside a migration's transaction; with a version table configured, in a transaction of
     * its own together with the version table's update, so that the two never disagree.
     */
    private <T> T withVersionTable(Connection c, SqlWork<T> work) throws SQLException {
        if (config.versionTable() == null) {
            return bookkeeping(c, work);
        }
        begin(c);
        boolean done = false;
        try {
            T result = bookkeeping(c, x -> {
                T r = work.run(x);
                syncVersionTable(x);
                return r;
            });
            commit(c);
            done = true;
            return result;
        } finally {
            if (!done) {
                rollback(c);
            }
        }
    }

    /**
     * Keeps the configured version table ({@link GodwitConfig#versionTable()}: a single-row {@code schema_version}
     * table, as hand-rolled runners keep one) at the newest version history records as applied, inside the
     * caller's transaction. Creates it (id 1, version, updated_at) when missing and a version is applied; writes
     * only when the version differs, so an adopted database's row keeps its time; deletes the row when nothing is
     * applied any more.
     */
    protected final void syncVersionTable(Connection c) throws SQLException {
        String name = config.versionTable();
        if (name == null) {
            return;
        }
        Version newest = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + historyTable() + " WHERE success");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Version v = Version.parse(rs.getString(1));
                if (!v.isRepeatable() && (newest == null || v.compareTo(newest) > 0)) {
                    newest = v;
                }
            }
        }
        String table = otherTable(name);
        if (!tableExists(c, name)) {
            if (newest == null) {
                return;
            }
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, "
                        + "updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
            }
        }
        List<String> columns = columnsOf(c, table);
        String where = columns.contains("id") ? " WHERE id = 1" : "";
        if (newest == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + where)) {
                ps.executeUpdate();
            }
            return;
        }
        String current = null;
        boolean present = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + table + where);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                present = true;
                current = rs.getString(1);
            }
        }
        if (present && current != null && Version.isVersion(current) && Version.parse(current).equals(newest)) {
            return;
        }
        String touch = columns.contains("updated_at") ? ", updated_at = CURRENT_TIMESTAMP" : "";
        String sql = present ? "UPDATE " + table + " SET version = ?" + touch + where
                : "INSERT INTO " + table + " (" + (columns.contains("id") ? "id, " : "") + "version) VALUES ("
                + (columns.contains("id") ? "1, " : "") + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newest.text());
            ps.executeUpdate();
        }
    }

    private static List<String> columnsOf(Connection c, String quotedTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + quotedTable + " WHERE 1 = 0");
             ResultSet rs = ps.executeQuery()) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            return columns;
        }
    }

    /** Another table of this database ({@code import}, the version table), quoted and qualified as needed. */
    protected String otherTable(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Whether another table of this name exists (where the history table would). */
    protected boolean tableExists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** The zone in which this engine's times without a zone are meant; UTC by default (SQLite). */
    protected java.time.ZoneId localTimeZone(Connection c) throws SQLException {
        return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.util.Optional<TableRows> readTable(String name) {
        if (connection == null && !databaseExists()) {
            return java.util.Optional.empty();
        }
        Connection c = connection(false);
        try {
            return bookkeeping(c, x -> {
                if (!tableExists(x, name)) {
                    return java.util.Optional.<TableRows>empty();
                }
                String table = otherTable(name);
                List<String> columns = new ArrayList<>();
                List<java.util.Map<String, Object>> rows = new ArrayList<>();
                try (PreparedStatement ps = x.prepareStatement("SELECT * FROM " + table);
                     ResultSet rs = ps.executeQuery()) {
                    java.sql.ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnName(i));
                    }
                    while (rs.next()) {
                        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.put(columns.get(i - 1), value(rs.getObject(i), md.getColumnTypeName(i)));
                        }
                        rows.add(row);
                    }
                }
                return java.util.Optional.of(new TableRows(table.replace("\"", ""), columns, rows, localTimeZone(x)));
            });
        } catch (SQLException e) {
            throw databaseError("reading table " + name, e);
        }
    }

    /** A value as {@link TableRows} holds it. */
    private static Object value(Object v, String typeName) {
        String type = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof byte[]) {
            return v;
        }
        if (v instanceof java.sql.Timestamp ts) {
            return type.contains("tz") || type.contains("with time zone") ? ts.toInstant() : ts.toLocalDateTime();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.scale() <= 0 || b.stripTrailingZeros().scale() <= 0 ? (Object) b.longValue() : b.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v.toString();
    }

    private void updateRow(Connection c, AppliedMigration row) throws SQLException {
        // One statement, so that a crash never leaves the version without its row.
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + historyTable() + " SET description = ?, "
                + "script = ?, checksum = ?, down_sql = ?, kind = ?, applied_at = ?, applied_by = ?, "
                + "execution_ms = ?, success = ?, note = ? WHERE version = ?")) {
            ps.setString(1, row.description());
            ps.setString(2, row.script());
            setNullable(ps, 3, row.checksum());
            setNullable(ps, 4, row.downSql());
            ps.setString(5, row.kind());
            ps.setString(6, row.appliedAt());
            ps.setString(7, row.appliedBy());
            ps.setLong(8, row.executionMs());
            ps.setBoolean(9, row.success());
            setNullable(ps, 10, row.note());
            ps.setString(11, row.version().text());
            if (ps.executeUpdate() == 0) {
                insertRow(c, row);
            }
        }
    }

    @Override
    public boolean deleteHistory(Version version) {
        Connection c = connection(true);
        try {
            return withVersionTable(c, x -> deleteRow(x, version)) > 0;
        } catch (SQLException e) {
            throw databaseError("deleting history row " + version, e);
        }
    }

    /** The part of a history row that tells whether a change is done. */
    protected record RowFound(String checksum) {
        public RowFound {
        }
    }

    /** The version's history row, or {@code null} when it has none. */
    private RowFound historyRow(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM " + historyTable()
                + " WHERE version = ?")) {
            ps.setString(1, version.text());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RowFound(rs.getString(1)) : null;
            }
        }
    }

    private boolean historyRowExists(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + historyTable() + " WHERE version = ?")) {
            ps.setString(1, version.text());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertRow(Connection c, AppliedMigration r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertRowSql())) {
            bindRow(ps, 1, r);
            ps.executeUpdate();
        }
    }

    /** The INSERT of one history row; its parameters are bound by {@link #bindRow}. */
    protected final String insertRowSql() {
        return "INSERT INTO " + historyTable() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Binds {@code r} to the parameters of {@link #insertRowSql()}, from index {@code first} of {@code ps}. */
    protected static void bindRow(PreparedStatement ps, int first, AppliedMigration r) throws SQLException {
        int i = first;
        ps.setString(i++, r.version().text());
        ps.setString(i++, r.description());
        ps.setString(i++, r.script());
        setNullable(ps, i++, r.checksum());
        setNullable(ps, i++, r.downSql());
        ps.setString(i++, r.kind());
        ps.setString(i++, r.appliedAt());
        ps.setString(i++, r.appliedBy());
        ps.setLong(i++, r.executionMs());
        ps.setBoolean(i++, r.success());
        setNullable(ps, i, r.note());
    }

    private int deleteRow(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + historyTable() + " WHERE version = ?")) {
            ps.setString(1, version.text());
            return ps.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                if (config.connections().isPresent()) {
                    config.connections().get().release(connection);
                } else {
                    connection.close();
                }
            } catch (SQLException e) {
                LOG.debug("closing connection: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
