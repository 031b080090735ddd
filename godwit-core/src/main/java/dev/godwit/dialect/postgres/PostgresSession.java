package dev.godwit.dialect.postgres;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitEvent;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Change;
import dev.godwit.dialect.JdbcSession;
import dev.godwit.dialect.LockHolder;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL database and schema. Migrations run with {@code search_path} set to the schema, each in its own
 * transaction with its history row (PostgreSQL's DDL is transactional). One runner at a time: a session advisory
 * lock taken on the connection that runs the migrations, held for the whole run, so that the lock cannot be lost
 * without losing that connection too (which every following statement notices); before each migration the
 * session also checks that it still holds the lock.
 */
class PostgresSession extends JdbcSession {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSession.class);
    static final String DEFAULT_SCHEMA = "public";
    static final String NO_TRANSACTION_HINT = "PostgreSQL cannot run this statement inside a transaction: add "
            + "'-- godwit:no-transaction' as the first line of the file (its statements then run one by one, "
            + "outside a transaction; keep such a migration to the statements that need it)";
    private static final long MAX_POLL_MS = 500;
    /** Godwit's role, statement timeout and search path (the schema follows) for one transaction's bookkeeping. */
    private static final String BOOKKEEPING_SQL_HEAD = "SET LOCAL SESSION AUTHORIZATION DEFAULT; SET LOCAL ROLE NONE; "
            + "SET LOCAL statement_timeout TO DEFAULT; SET LOCAL search_path TO ";

    /**
     * PostgreSQL 14+ checks every second during a long statement whether the client is still there, and ends the
     * statement (and the session) when it is not: a runner that was killed does not leave its server process
     * running a migration, holding its locks, for as long as the statement would have run. Platforms where the
     * server cannot tell refuse the setting; it is then left out.
     */
    private static final String CLIENT_CHECK_SQL = "SET client_connection_check_interval = 1000";

    private final PostgresUrl url;
    /** {@link #CLIENT_CHECK_SQL} after a "; " where the server takes it; empty otherwise. */
    private String clientCheck = "";
    private final String schema;
    /** Watches what a running statement waits for, to name the blocking session when a lock wait times out. */
    private LockWaits lockWaits;
    /** The migration connection's server process, whose lock waits {@link #lockWaits} looks at. */
    private int backendPid;
    /** The transaction a migration began in ({@code txid_current()}), to notice one that ended early. */
    private long migrationTxid;
    /** What the last statement that timed out on a lock waited for; null when none was seen. */
    private String lastBlocker;
    /** The advisory lock key while this session holds the migration lock; null otherwise. */
    private Long heldLockKey;
    /**
     * {@code SET TRANSACTION} with the characteristics a transaction begun after {@code RESET ALL} would have
     * (read at connect); null when they could not be read, and migrations then start in three round trips.
     */
    private String transactionDefaults;
    /** A migration's start in one round trip ({@link #startChange}), prepared once per connection and lock key. */
    private PreparedStatement starting;
    private Long startingKey;
    /** A migration's history row and COMMIT in one round trip ({@link #finishChange}), prepared once. */
    private PreparedStatement finishing;
    /**
     * The version of the last history row this session committed without waiting for the disk
     * ({@code synchronous_commit = off}); null when everything it committed is durable. {@link #flush} clears it.
     */
    private Version unflushed;
    /** Whether the connection is known to be gone (a lost connection was seen on it): nothing to flush there. */
    private boolean broken;

    PostgresSession(GodwitConfig config, PostgresUrl url) {
        super(config);
        this.url = url;
        this.schema = config.schema() == null ? DEFAULT_SCHEMA : config.schema();
    }

    String schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + url.describe() + " (schema " + schema + ")";
    }

    /** The server refuses a connection to a missing database; Godwit never creates databases. */
    @Override
    public boolean databaseExists() {
        return true;
    }

    @Override
    protected Connection connect(boolean create) throws SQLException {
        Connection c = open();
        clientCheck = "";
        if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(CLIENT_CHECK_SQL);
                clientCheck = "; " + CLIENT_CHECK_SQL;
            } catch (SQLException e) {
                LOG.debug("client_connection_check_interval is not available here: {}", e.getMessage());
            }
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + quote(schema));
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_backend_pid(), " + resetValue("isolation")
                    + ", " + resetValue("read_only") + ", " + resetValue("deferrable"))) {
                rs.next();
                backendPid = rs.getInt(1);
                transactionDefaults = transactionDefaults(rs.getString(2), rs.getString(3), rs.getString(4));
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        broken = false;
        starting = null;
        finishing = null;
        return c;
    }

    /** The value RESET ALL gives {@code default_transaction_<name>} on this connection. */
    private static String resetValue(String name) {
        return "(SELECT reset_val FROM pg_catalog.pg_settings WHERE name = 'default_transaction_" + name + "')";
    }

    /**
     * The SET TRANSACTION that gives a transaction the characteristics it would have if it began after RESET ALL;
     * null for values not known here.
     */
    static String transactionDefaults(String isolation, String readOnly, String deferrable) {
        if (isolation == null || !java.util.Set.of("serializable", "repeatable read", "read committed",
                "read uncommitted").contains(isolation) || !java.util.Set.of("on", "off").contains(readOnly)
                || !java.util.Set.of("on", "off").contains(deferrable)) {
            return null;
        }
        return "SET TRANSACTION ISOLATION LEVEL " + isolation.toUpperCase(java.util.Locale.ROOT)
                + (readOnly.equals("on") ? ", READ ONLY" : ", READ WRITE")
                + (deferrable.equals("on") ? ", DEFERRABLE" : ", NOT DEFERRABLE");
    }

    /**
     * The session state every migration starts from: settings as the connection opened (RESET ALL keeps what the
     * URL's options set), the login role, no temporary tables, the schema as search path, and --lock-timeout as
     * lock_timeout. Session-level, so a no-transaction migration's statements keep what it sets among themselves.
     */
    private String resetSql() {
        return resetSql(null);
    }

    /**
     * {@link #resetSql()} with {@code transaction}, a SET TRANSACTION, put where it still may run (before DISCARD,
     * the first statement that takes a snapshot); for a reset run inside the transaction it sets up.
     */
    private String resetSql(String transaction) {
        return "RESET ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ROLE; "
                + (transaction == null ? "" : transaction + "; ") + "DISCARD TEMP; SET search_path TO "
                + quote(schema) + "; SET lock_timeout = " + lockTimeoutMillis() + clientCheck;
    }

    /** --lock-timeout in ms; 0 would mean "wait forever" to PostgreSQL, so "do not wait" becomes 1 ms. */
    private long lockTimeoutMillis() {
        return Math.max(1, config.lockTimeout().toMillis());
    }

    /**
     * Resets the session and, holding the migration lock, checks in the same round trip that the lock is still
     * held. A migration may have released it ({@code pg_advisory_unlock_all()}): then it is taken again when free,
     * saying so, and the run stops when another session has it.
     */
    @Override
    protected void resetSession(Connection c) throws SQLException {
        if (heldLockKey == null) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(resetSql());
            }
            return;
        }
        if (queryResult(c, resetSql() + "; SELECT " + lockHeldSql(heldLockKey)) == 0) {
            takeLockBack(c);
        }
    }

    /** 1 while this session holds the advisory lock {@code key}, else 0. */
    private static String lockHeldSql(long key) {
        return "(SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                + "AND pid = pg_catalog.pg_backend_pid() AND classid::bigint = " + (key >>> 32)
                + " AND objid::bigint = " + (key & 0xFFFF_FFFFL) + ")";
    }

    /**
     * The migration lock is no longer held by this session (a migration released it): takes it again when it is
     * free, saying so, and stops the run when another session has it. Runs outside any transaction.
     */
    private void takeLockBack(Connection c) throws SQLException {
        long key = heldLockKey;
        if (tryLock(c, key)) {
            config.listener().warning("the migration lock on " + describe() + " was no longer held by this run (a "
                    + "migration released it, e.g. with pg_advisory_unlock_all()); nobody else had taken it, so "
                    + "this run took it again before going on");
            return;
        }
        heldLockKey = null;
        throw new GodwitException(ErrorCode.LOCKED, "the migration lock on " + describe() + " was no longer held by "
                + "this run (a migration released it, e.g. with pg_advisory_unlock_all()) and is now held by "
                + holder(c, key) + "; this run stopped before its next migration",
                "let that run finish, check with " + Actions.STATUS + ", then run the command again; keep "
                        + "migrations from releasing advisory locks");
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * PostgreSQL ended the session (57P01 administrator command, 57P02 crash, 57P03 shutting down, 57P05 idle
     * timeout) or the driver lost the connection (class 08): not something the statement did.
     */
    @Override
    protected boolean connectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean lost = state.startsWith("08") || state.startsWith("57P");
        broken |= lost;
        return lost;
    }

    /** Remembers the transaction's id, to notice a statement that ends it early. */
    @Override
    protected void begin(Connection c) throws SQLException {
        super.begin(c);
        rememberTransaction(c);
    }

    /** Notes which transaction the migration runs in (also for a rehearsal's savepoints). */
    protected final void rememberTransaction(Connection c) throws SQLException {
        migrationTxid = queryResult(c, "SELECT pg_catalog.txid_current()");
    }

    /**
     * For the rest of the migration's transaction only (SET LOCAL): the login role and the schema as search path,
     * whatever the migration set, so that the history write runs as Godwit; and checks the transaction is the one
     * that began the migration.
     */
    @Override
    protected boolean beforeHistoryWrite(Connection c) throws SQLException {
        return queryResult(c, BOOKKEEPING_SQL_HEAD + quote(schema) + "; SELECT pg_catalog.txid_current()")
                == migrationTxid;
    }

    /**
     * Whether this session begins and commits each migration's transaction itself (a rehearsal, which runs them
     * as savepoints of one transaction, does not): only then is a migration started and finished in one round trip
     * each.
     */
    protected boolean ownsTransactions() {
        return true;
    }

    /**
     * One round trip instead of three: the session reset, BEGIN, the transaction's characteristics as after the
     * reset, the check that the migration lock is still held, the transaction's id and the version's history row.
     * The reset runs inside the transaction, so a migration that fails rolls it back too; the next one resets
     * again.
     */
    @Override
    protected RowFound startChange(Connection c, Change change) throws SQLException {
        if (!ownsTransactions() || transactionDefaults == null) {
            return super.startChange(c, change);
        }
        if (starting == null || !java.util.Objects.equals(startingKey, heldLockKey)) {
            closeQuietly(starting);
            starting = c.prepareStatement(resetSql(transactionDefaults) + "; SELECT pg_catalog.txid_current(), "
                    + (heldLockKey == null ? "1" : lockHeldSql(heldLockKey)) + ", h.checksum, h.version IS NOT NULL, "
                    + "pg_catalog.set_config('synchronous_commit', CASE WHEN ? THEN 'off' ELSE "
                    + "pg_catalog.current_setting('synchronous_commit') END, true)"
                    + " FROM (SELECT 1) AS one LEFT JOIN " + historyTable() + " h ON h.version = ?");
            startingKey = heldLockKey;
        }
        c.setAutoCommit(false);
        starting.setBoolean(1, finishesInOneTrip(change));
        starting.setString(2, change.version().text());
        long txid;
        boolean held;
        RowFound row;
        try (ResultSet rs = firstResultSet(starting, starting.execute())) {
            rs.next();
            txid = rs.getLong(1);
            held = rs.getLong(2) > 0;
            row = rs.getBoolean(4) ? new RowFound(rs.getString(3)) : null;
        }
        if (!held) {
            rollback(c);
            takeLockBack(c);
            return startChange(c, change);
        }
        migrationTxid = txid;
        return row;
    }

    /**
     * Whether {@link #finishChange} writes {@code change}'s row in one round trip, committing without waiting for the
     * disk: an applied migration with a new row, no version table to keep. Its start sets {@code synchronous_commit
     * = off} for the transaction (before the migration's statements, so that a migration that sets it itself
     * decides).
     */
    private boolean finishesInOneTrip(Change change) {
        return change.direction() == Direction.UP && change.replaces() == null && config.versionTable() == null;
    }

    /** The marker of the error {@link #finishChange} raises in a transaction that is no longer the migration's. */
    private static final String ENDED_EARLY = "godwit: the transaction of the migration ended early";

    /**
     * An applied migration's history row in one round trip: the bookkeeping settings (as in
     * {@link #beforeHistoryWrite}), a check that raises an error unless the transaction is still the one the
     * migration began in (so that nothing after it runs), the INSERT, and COMMIT, with {@code synchronous_commit =
     * off} as its start set it: the commit is atomic and ordered but does not wait for the disk; {@link #flush}
     * makes the run durable at its end. Other changes (down, a repeatable applied again, a version table to
     * keep) go the general way.
     */
    @Override
    protected boolean finishChange(Connection c, Change change, AppliedMigration written) throws SQLException {
        if (!ownsTransactions() || !finishesInOneTrip(change)) {
            return super.finishChange(c, change, written);
        }
        if (finishing == null) {
            finishing = c.prepareStatement(BOOKKEEPING_SQL_HEAD + quote(schema) + "; SELECT CASE WHEN "
                    + "pg_catalog.txid_current() = ? THEN 0 ELSE ('" + ENDED_EARLY + " in transaction ' || "
                    + "pg_catalog.txid_current())::integer END; " + insertRowSql() + "; COMMIT");
        }
        finishing.setLong(1, migrationTxid);
        bindRow(finishing, 2, written);
        try {
            finishing.execute();
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(ENDED_EARLY)) {
                return false;
            }
            throw e;
        }
        unflushed = change.version();
        commit(c); // nothing left to commit: back to auto-commit
        return true;
    }

    /**
     * Makes everything this session committed durable: the migrations committed with {@code synchronous_commit =
     * off} are on disk (and on synchronous standbys, as the connection's setting asks) once a later transaction
     * commits synchronously, since a commit waits for the log up to its own record. That transaction rewrites
     * the last such history row unchanged (a transaction that writes nothing would not wait). Called when the run
     * releases its lock and when the session closes; {@code warn}: a failure is reported as a warning.
     */
    private void flush(boolean warn) {
        Version version = unflushed;
        if (version == null || !isConnected() || broken) {
            return;
        }
        try {
            bookkeeping(connection(false), c -> {
                try (PreparedStatement ps = c.prepareStatement("SET LOCAL synchronous_commit TO DEFAULT; "
                        + "SET TRANSACTION READ WRITE; UPDATE " + historyTable() + " SET success = success "
                        + "WHERE version = ?")) {
                    ps.setString(1, version.text());
                    ps.execute();
                }
                return null;
            });
            unflushed = null;
        } catch (SQLException e) {
            if (warn) {
                config.listener().warning("could not wait for the migrations of this run to reach the disk of "
                        + describe() + " (" + redact(e.getMessage()) + "); they are committed, and PostgreSQL "
                        + "writes them within a second unless the server crashes first");
            } else {
                LOG.debug("flushing {}: {}", describe(), e.getMessage());
            }
        }
    }

    /** History reads and writes outside a migration run in a transaction of their own, as Godwit (SET LOCAL). */
    @Override
    protected <T> T bookkeeping(Connection c, SqlWork<T> work) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(BOOKKEEPING_SQL_HEAD + quote(schema));
            }
            T result = work.run(c);
            if (own) {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    /** The single number the one query among the statements of {@code sql} returns. */
    private static long queryResult(Connection c, String sql) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = firstResultSet(s, s.execute(sql))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first result set of {@code s}, just executed ({@code isQuery}: what execute returned). */
    private static ResultSet firstResultSet(java.sql.Statement s, boolean isQuery) throws SQLException {
        while (!isQuery) {
            if (!s.getMoreResults() && s.getUpdateCount() == -1) {
                throw new SQLException("no result from the statement");
            }
            isQuery = s.getResultSet() != null;
        }
        return s.getResultSet();
    }

    private Connection open() throws SQLException {
        if (config.connections().isPresent()) {
            return config.connections().get().open();
        }
        try {
            Properties p = url.connectionProperties();
            // application_name and extra_float_digits go in the startup packet, not in SETs after connecting, so
            // that the RESET ALL before each migration keeps them
            p.putIfAbsent("assumeMinServerVersion", "9.0");
            return DriverManager.getConnection(url.jdbcUrl(), p);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "the PostgreSQL JDBC driver is not on the "
                        + "classpath", "add org.postgresql:postgresql to your application's dependencies", e);
            }
            throw e;
        }
    }

    @Override
    protected String historyTable() {
        return quote(schema) + "." + quote(config.table());
    }

    @Override
    protected String otherTable(String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * Every column an up plans from (the down SQL, which only rollbacks read, left out) as text, a NULL told from any
     * text, the rows joined in their text's order (a table has no order of its own in PostgreSQL).
     */
    @Override
    protected String historyDigestSql() {
        return "SELECT count(*), string_agg(r, chr(30) ORDER BY r) FROM (SELECT " + HISTORY_UP_ROW + " AS r FROM "
                + historyTable() + ") rows";
    }

    /** Each column of {@link dev.godwit.dialect.HistoryTable#COLUMNS} but down_sql, NULL as chr(1), joined. */
    private static final String HISTORY_UP_ROW = "coalesce(version::text, chr(1)) || chr(31) || "
            + "coalesce(description::text, chr(1)) || chr(31) || coalesce(script::text, chr(1)) || chr(31) || "
            + "coalesce(checksum::text, chr(1)) || chr(31) || coalesce(kind::text, chr(1)) || chr(31) || "
            + "coalesce(applied_at::text, chr(1)) || chr(31) || coalesce(applied_by::text, chr(1)) || chr(31) || "
            + "coalesce(execution_ms::text, chr(1)) || chr(31) || coalesce(success::text, chr(1)) || chr(31) || "
            + "coalesce(note::text, chr(1))";

    @Override
    protected boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The session's TimeZone: the one {@code now()} wrote a {@code timestamp} column's wall-clock time in. */
    @Override
    protected java.time.ZoneId localTimeZone(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
            rs.next();
            try {
                return java.time.ZoneId.of(rs.getString(1));
            } catch (java.time.DateTimeException e) {
                return java.time.ZoneOffset.UTC;
            }
        }
    }

    @Override
    protected boolean historyTableExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, config.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates the schema and then the history table when missing. Both are looked up first, so a role without
     * CREATE rights can still migrate a database whose schema and table exist.
     */
    @Override
    public void ensureHistoryTable() {
        Connection c = connection(true);
        try {
            if (!schemaExists(c)) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
                }
                LOG.debug("created schema {}", schema);
            }
            if (historyTableExists(c)) {
                return;
            }
        } catch (SQLException e) {
            throw databaseError("creating schema " + schema, e);
        }
        super.ensureHistoryTable();
    }

    private boolean schemaExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** COPY FROM stdin goes through the driver's copy API; everything else as written (no JDBC escapes). */
    @Override
    protected void execute(Connection c, Statement statement) throws SQLException {
        if (statement.isCopy()) {
            long rows = CopyIn.run(c, statement.sql(), statement.copyData());
            LOG.debug("copied {} row(s)", rows);
            return;
        }
        if (lockWaits == null) {
            lockWaits = new LockWaits(this::open);
        }
        lockWaits.watch(backendPid);
        try (java.sql.Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            executeCancellable(s, statement.sql());
        } catch (SQLException e) {
            lastBlocker = "55P03".equals(e.getSQLState()) ? lockWaits.blocker() : null;
            throw e;
        } finally {
            lockWaits.stop();
        }
    }

    /** A lock wait past lock_timeout (or a NOWAIT that found the lock taken) means "locked": exit 3. */
    @Override
    protected ErrorCode codeFor(SQLException e) {
        return "55P03".equals(e.getSQLState()) ? ErrorCode.LOCKED : ErrorCode.MIGRATION_FAILED;
    }

    @Override
    protected String messageOf(SQLException e) {
        String m = redact(e.getMessage());
        if (!"55P03".equals(e.getSQLState())) {
            return m;
        }
        return m + " (--lock-timeout " + config.lockTimeout().toSeconds() + " s bounds each lock wait); the lock is "
                + "held by " + (lastBlocker == null ? "another session (Godwit names it when a wait lasts longer than "
                + LockWaits.POLL_MS + " ms; see pg_locks and pg_stat_activity)" : lastBlocker);
    }

    @Override
    protected String hintFor(SQLException e, Statement statement) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "25001" -> NO_TRANSACTION_HINT;
            case "55P03" -> "wait for the session holding the lock to finish and run the command again, or "
                    + Actions.RAISE_LOCK_TIMEOUT + (lastBlocker == null || blockerPid() == null ? ""
                    : "; if that session is stuck, end it with SELECT pg_terminate_backend(" + blockerPid() + ")");
            case "55P04" -> "a new enum value cannot be used in the transaction that added it: move the statements "
                    + "that use it into a later migration";
            default -> "";
        };
    }

    @Override
    protected GodwitException databaseError(String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = redact(e.getMessage());
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004")) {
            return new GodwitException(ErrorCode.AUTHENTICATION, "PostgreSQL refused the login to " + url.describe()
                    + (url.user() == null ? "" : " as " + url.user()) + ": " + message,
                    "check the user and password in " + Actions.URL + " (or PGPASSWORD) and the server's "
                            + "pg_hba.conf", e);
        }
        if (state.equals("3D000")) {
            return new GodwitException(ErrorCode.CONFIGURATION, "PostgreSQL " + url.describe() + " does not exist: "
                    + message, "create the database first (e.g. createdb), or fix the database name in "
                    + Actions.URL, e);
        }
        if (connectionLost(e) && !doing.startsWith("connecting")) {
            return new GodwitException(ErrorCode.DATABASE, "the connection to PostgreSQL at " + url.hosts()
                    + " was lost while " + doing + ": " + message, "check that the server is running (it may have "
                    + "restarted, or a session timeout, proxy or pooler ended the connection); " + Actions.STATUS
                    + " shows what is applied; then run the command again", e);
        }
        if (state.startsWith("08")) {
            // Before anything ran (connecting) it is configuration to fix; a connection lost later is not.
            return new GodwitException(doing.startsWith("connecting") ? ErrorCode.DATABASE_UNUSABLE
                    : ErrorCode.DATABASE, doing + " failed: cannot reach PostgreSQL at "
                    + url.hosts() + ": " + message, "check that the server is running and accepts TCP "
                    + "connections on that host and port", e);
        }
        return new GodwitException(ErrorCode.DATABASE, doing + " failed on " + describe() + ": " + message,
                "check that the database is reachable and that the user may write to schema " + schema, e);
    }

    /** Database messages never carry our password, but make sure: it is cut out wherever it appears. */
    String redact(String message) {
        String m = message == null ? "(no message)" : message;
        if (url.password() != null && url.password().length() >= 3) {
            m = m.replace(url.password(), "***");
        }
        return dev.godwit.DatabaseUrl.redact(m);
    }

    private String blockerPid() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^pid (\\d+)").matcher(lastBlocker);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        flush(false);
        heldLockKey = null;
        starting = null;
        finishing = null;
        if (lockWaits != null) {
            lockWaits.close();
            lockWaits = null;
        }
        super.close();
    }

    /**
     * Takes the session advisory lock on the connection that runs the migrations: should that connection end
     * (killed backend, idle timeout, a proxy), the lock ends with it and the run cannot go on unnoticed, since its
     * next statement fails on the dead connection. A lock on a connection of its own could die while the run goes on.
     */
    @Override
    public MigrationLock lock(Duration timeout) {
        Connection c = connection(true);
        try {
            long key = lockKey(currentDatabase(c), schema, config.table());
            long deadline = System.nanoTime() + timeout.toNanos();
            long pause = 20;
            boolean told = false;
            while (true) {
                if (tryLock(c, key)) {
                    LOG.debug("took advisory lock {} on {}", key, describe());
                    heldLockKey = key;
                    return new AdvisoryLock(key, told);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GodwitException(ErrorCode.LOCKED, "another runner holds the migration lock on "
                            + describe() + ": " + holder(c, key) + "; gave up after "
                            + timeout.toSeconds() + " s", "wait for it to finish, or raise --lock-timeout; "
                            + "if it hangs, end it with SELECT pg_terminate_backend(<pid>)");
                }
                if (!told) {
                    Holder h = findHolder(c, key);
                    String by = h == null ? "a session that has just let go of it" : h.description();
                    config.listener().on(new GodwitEvent.LockWaited(by, timeout, "waiting up to "
                            + timeout.toSeconds() + " s for the migration lock, held by " + by + (h != null
                            && h.active() ? "; that session is running a statement: if its runner "
                            + "is gone (killed, or cut off), its server process carries on until the statement "
                            + "ends, holding the lock; SELECT pg_terminate_backend(" + h.pid() + ") ends it" : "")));
                    told = true;
                }
                long jitter = ThreadLocalRandom.current().nextLong(pause / 2 + 1);
                sleep(Math.min(pause + jitter, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, MAX_POLL_MS);
            }
        } catch (SQLException e) {
            throw databaseError("taking the migration lock", e);
        }
    }

    /**
     * PostgreSQL lets only the session that holds an advisory lock release it, and does so when that session ends:
     * so {@code unlock} cannot remove a runner's lock. It names the session instead, says how to end it, and exits
     * 3; with no holder it reports that no lock is held.
     */
    @Override
    public Optional<LockHolder> breakLock() {
        Connection c = connection(false);
        try {
            long key = lockKey(currentDatabase(c), schema, config.table());
            Holder h = findHolder(c, key);
            if (h == null) {
                return Optional.empty();
            }
            throw new GodwitException(ErrorCode.LOCKED, "the migration lock on " + describe() + " is held by "
                    + h.description() + "; PostgreSQL releases it when that session ends, and no other session can "
                    + "remove it, so nothing was changed", "wait for that run to finish; if it is really stuck, end "
                    + "its session with SELECT pg_terminate_backend(" + h.pid() + ") (its current transaction is "
                    + "rolled back)");
        } catch (SQLException e) {
            throw databaseError("reading the migration lock", e);
        }
    }

    /** A session holding the advisory lock. */
    private record Holder(int pid, String description, boolean active) {
    }

    /** The session holding our advisory lock, from pg_locks joined with pg_stat_activity. */
    private static String holder(Connection c, long key) throws SQLException {
        Holder h = findHolder(c, key);
        return h == null ? "a session that has just let go of it" : h.description();
    }

    private static Holder findHolder(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT a.pid, a.application_name, a.usename, a.client_addr, a.backend_start, a.state_change, a.state"
                        + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                        + " AND l.database = (SELECT oid FROM pg_catalog.pg_database"
                        + " WHERE datname = pg_catalog.current_database())"
                        + " AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StringBuilder s = new StringBuilder("pid ").append(rs.getInt(1));
                String app = rs.getString(2);
                s.append(", application_name '").append(app == null ? "" : app).append('\'');
                if (rs.getString(3) != null) {
                    s.append(", user ").append(rs.getString(3));
                }
                if (rs.getString(4) != null) {
                    s.append(", from ").append(rs.getString(4));
                }
                if (rs.getTimestamp(5) != null) {
                    s.append(", connected since ").append(rs.getTimestamp(5).toInstant());
                }
                if (rs.getTimestamp(6) != null) {
                    s.append(", ").append(rs.getString(7) == null ? "state changed" : rs.getString(7))
                            .append(" since ").append(rs.getTimestamp(6).toInstant());
                }
                return new Holder(rs.getInt(1), s.toString(), "active".equals(rs.getString(7)));
            }
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The advisory lock key of one history table: 64 bits of SHA-256 over database, schema and table. */
    static long lockKey(String database, String schema, String table) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("godwit\0" + database + "\0" + schema + "\0"
                    + table).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.LOCKED, "interrupted while waiting for the migration lock", "");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", c, e.getMessage());
        }
    }

    /** Releases the advisory lock on the migration connection, if that connection is still the one that took it. */
    private final class AdvisoryLock implements MigrationLock {
        private final long key;
        private final boolean waited;

        AdvisoryLock(long key, boolean waited) {
            this.key = key;
            this.waited = waited;
        }

        @Override
        public boolean waited() {
            return waited;
        }

        @Override
        public void close() {
            flush(true);
            if (heldLockKey == null || !isConnected()) {
                return; // gone with its connection (or given up), nothing to release
            }
            heldLockKey = null;
            try (PreparedStatement ps = connection(false).prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException e) {
                LOG.debug("releasing advisory lock: {}", e.getMessage());
            }
        }
    }
}
