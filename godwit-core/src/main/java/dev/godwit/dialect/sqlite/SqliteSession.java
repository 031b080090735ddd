package dev.godwit.dialect.sqlite;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Change;
import dev.godwit.dialect.JdbcSession;
import dev.godwit.dialect.LockHolder;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.dialect.Safeguards;
import dev.godwit.dialect.Work;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite file. Each migration runs inside {@code BEGIN IMMEDIATE}, which takes the write lock up front; a busy
 * database is waited for (SQLite's busy timeout, then retries with backoff) up to the lock timeout. Before each
 * COMMIT, {@code PRAGMA foreign_key_check} refuses a migration that leaves rows breaking foreign keys (rows that
 * broke them before the run are tolerated); {@code -- godwit:foreign-keys off} turns enforcement off around one
 * migration's transaction for table rebuilds.
 */
class SqliteSession extends JdbcSession {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSession.class);
    private static final long MAX_BUSY_TIMEOUT_MS = 2_000;
    /**
     * SQLite's own maximum length of one statement (SQLITE_MAX_SQL_LENGTH) and of one string or BLOB
     * (SQLITE_MAX_LENGTH). The JDBC driver lowers the statement limit to 1,000,000 bytes; Godwit raises it back, so
     * that it runs what the sqlite3 shell runs.
     */
    static final int MAX_LENGTH = 1_000_000_000;
    /** SQLite's message for a function or virtual-table module the connection does not have. */
    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("no such (function|module): ([A-Za-z0-9_$]+)");
    static final String NO_TRANSACTION_HINT = "SQLite cannot run this statement inside a transaction: add "
            + "'-- godwit:no-transaction' as the first line of the file (its statements then run one by one, "
            + "outside a transaction; keep such a migration to the statements that need it)";

    private final Path file;
    /**
     * This session's own connection commits in WAL mode with {@code synchronous = NORMAL}: a commit is atomic and
     * ordered but reaches the disk only when the write-ahead log is synced, which {@link #close} does once for the
     * whole run. A power loss before that may lose the last migrations, each with its history row, never one
     * without the other.
     */
    private boolean syncLogOnClose;
    private final boolean takesBackups;
    private final boolean existedWhenOpened;
    /** Rows breaking foreign keys before the current migration; null when unknown (recomputed when needed). */
    private List<SqliteChecks.Violation> fkBaseline;
    private List<SqliteChecks.Violation> fkAfter;
    /** The change whose COMMIT is under way, so that a deferred foreign-key failure can name its rows. */
    private Change pendingChange;
    /**
     * Connection pragmas a migration can change and that outlive its transaction, with the values Godwit opened
     * the connection with; restored before each migration and before each history write.
     */
    private final Map<String, String> pragmas = new LinkedHashMap<>();
    /** Whether the current migration runs with foreign keys enforced (false for {@code foreign-keys off}). */
    private boolean foreignKeysWanted = true;
    /**
     * Whether something may have changed a {@link #SESSION_PRAGMAS session pragma} since {@link #resetSession} last
     * read them: only a {@code PRAGMA} statement and Java code can (a table-valued pragma function has no side
     * effects), so migrations of plain SQL skip the read (two per migration: measured 30% of SQLite's time in a run of
     * 1,000 small migrations).
     */
    private boolean pragmasMayHaveChanged = true;
    /** Whether the migration being applied is Java code. */
    private boolean runsCode;

    SqliteSession(GodwitConfig config, Path file) {
        this(config, file, true);
    }

    /** @param takesBackups false for throwaway copies (rehearsals) */
    SqliteSession(GodwitConfig config, Path file, boolean takesBackups) {
        super(config);
        this.file = file;
        this.takesBackups = takesBackups;
        this.existedWhenOpened = new SqliteBackups(file, config).databaseExists();
    }

    Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "SQLite database " + file;
    }

    @Override
    public boolean databaseExists() {
        return config.connections().isPresent() || Files.exists(file);
    }

    /** The session's connection to an existing file, for reads beside the run (its drift check). */
    Connection readConnection() {
        return connection(false);
    }

    @Override
    protected Connection connect(boolean create) throws SQLException {
        if (config.connections().isPresent()) {
            Connection given = config.connections().get().open();
            try (java.sql.Statement s = given.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + Math.min(MAX_BUSY_TIMEOUT_MS, config.lockTimeout().toMillis()));
                s.execute("PRAGMA foreign_keys = ON");
                SqliteFunctions.register(given, config);
                if (config.journalModeGiven() && !config.url().inMemory()) {
                    s.execute("PRAGMA journal_mode = " + config.journalMode().toLowerCase(Locale.ROOT));
                }
            }
            return given;
        }
        boolean existed = Files.exists(file);
        if (!existed) {
            if (!create) {
                throw new SQLException("database file does not exist: " + file);
            }
            Path parent = file.toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "cannot create folder " + parent + ": "
                        + e.getMessage(), "check the path in " + Actions.URL + " and the folder's permissions", e);
            }
        }
        Connection c;
        try {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("limit_sql_length", String.valueOf(MAX_LENGTH));
            c = SqliteDriver.open("jdbc:sqlite:" + file, properties);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "the SQLite JDBC driver is not on the classpath",
                        "add org.xerial:sqlite-jdbc to your application's dependencies", e);
            }
            throw e;
        }
        try {
            SqliteFunctions.register(c, config);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        try (java.sql.Statement s = c.createStatement()) {
            long busy = Math.min(MAX_BUSY_TIMEOUT_MS, config.lockTimeout().toMillis());
            s.execute("PRAGMA busy_timeout = " + busy);
            s.execute("PRAGMA foreign_keys = ON");
            if (!existed || config.journalModeGiven()) {
                String mode = config.journalMode().toLowerCase(Locale.ROOT);
                s.execute("PRAGMA journal_mode = " + mode);
                LOG.debug("{} {} in journal mode {}", existed ? "opened" : "created", file, mode);
            }
            if ("wal".equalsIgnoreCase(pragma(s, "journal_mode"))) {
                // each migration commits without waiting for the disk; close() syncs the log once for the run
                s.execute("PRAGMA synchronous = NORMAL");
                syncLogOnClose = true;
            }
            if (pragmas.isEmpty()) {
                pragmas.putAll(sessionPragmas(s));
            }
        }
        pragmasMayHaveChanged = true;
        return c;
    }

    /**
     * Per-connection settings that change what a migration's SQL does or whether Godwit's own writes work; each is
     * readable with {@code PRAGMA name}. ({@code defer_foreign_keys} resets itself at every COMMIT.)
     */
    static final List<String> SESSION_PRAGMAS = List.of("foreign_keys", "recursive_triggers", "query_only",
            "ignore_check_constraints", "legacy_alter_table", "reverse_unordered_selects", "trusted_schema",
            "automatic_index", "cell_size_check", "busy_timeout", "writable_schema");

    /** Reads every {@link #SESSION_PRAGMAS pragma} in one statement (table-valued pragmas), else one by one. */
    private static final String READ_SESSION_PRAGMAS = "SELECT * FROM "
            + String.join(", ", SESSION_PRAGMAS.stream().map(p -> "pragma_" + p).toList());

    private static Map<String, String> sessionPragmas(java.sql.Statement s) throws SQLException {
        Map<String, String> now = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(READ_SESSION_PRAGMAS)) {
            if (rs.next()) {
                for (int i = 0; i < SESSION_PRAGMAS.size(); i++) {
                    now.put(SESSION_PRAGMAS.get(i), rs.getString(i + 1));
                }
                return now;
            }
        } catch (SQLException e) {
            LOG.debug("reading the pragmas in one statement failed ({}); one by one", e.getMessage());
        }
        for (String pragma : SESSION_PRAGMAS) {
            now.put(pragma, pragma(s, pragma));
        }
        return now;
    }

    private static String pragma(java.sql.Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Puts back every {@link #SESSION_PRAGMAS pragma} a migration changed (foreign keys as this one wants them). */
    @Override
    protected void resetSession(Connection c) throws SQLException {
        if (!pragmasMayHaveChanged) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            Map<String, String> current = sessionPragmas(s);
            for (Map.Entry<String, String> p : pragmas.entrySet()) {
                String want = p.getKey().equals("foreign_keys") ? (foreignKeysWanted ? "1" : "0") : p.getValue();
                if (want != null && !want.equals(current.get(p.getKey()))) {
                    LOG.debug("PRAGMA {} was changed by a migration; back to {}", p.getKey(), want);
                    s.execute("PRAGMA " + p.getKey() + " = " + want);
                }
            }
        }
        pragmasMayHaveChanged = false;
    }

    /**
     * History reads and writes outside a migration's transaction (between the statements of a no-transaction
     * migration) run with Godwit's pragmas, e.g. not under a {@code query_only} the migration set; the migration's
     * own values are put back afterwards, so its next statement sees what it set.
     */
    @Override
    protected <T> T bookkeeping(Connection c, SqlWork<T> work) throws SQLException {
        Map<String, String> changed = new LinkedHashMap<>();
        try (java.sql.Statement s = c.createStatement()) {
            Map<String, String> current = sessionPragmas(s);
            for (Map.Entry<String, String> p : pragmas.entrySet()) {
                String now = current.get(p.getKey());
                if (!p.getKey().equals("foreign_keys") && p.getValue() != null && !p.getValue().equals(now)) {
                    changed.put(p.getKey(), now);
                    s.execute("PRAGMA " + p.getKey() + " = " + p.getValue());
                }
            }
        }
        try {
            return work.run(c);
        } finally {
            try (java.sql.Statement s = c.createStatement()) {
                for (Map.Entry<String, String> p : changed.entrySet()) {
                    s.execute("PRAGMA " + p.getKey() + " = " + p.getValue());
                }
            }
        }
    }

    /**
     * Restores the pragmas (e.g. {@code query_only}) before the history write, and checks that the transaction
     * {@code BEGIN IMMEDIATE} started is still open: a second BEGIN fails inside one and succeeds outside.
     */
    @Override
    protected boolean beforeHistoryWrite(Connection c) throws SQLException {
        pragmasMayHaveChanged |= runsCode; // Java code may have set any pragma
        resetSession(c);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("BEGIN");
        } catch (SQLException e) {
            return true; // "cannot start a transaction within a transaction": ours is still open
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        }
        return false;
    }

    @Override
    protected String historyTable() {
        return "\"" + config.table() + "\"";
    }

    /**
     * Every column an up plans from (the down SQL, which only rollbacks read, left out), a NULL told from any text,
     * the rows joined in the table's own order (the same for the same table).
     */
    @Override
    protected String historyDigestSql() {
        return "SELECT count(*), group_concat(" + HISTORY_UP_ROW + ", char(30)) FROM " + historyTable();
    }

    /** Each column of {@link dev.godwit.dialect.HistoryTable#COLUMNS} but down_sql, NULL as char(1), joined. */
    private static final String HISTORY_UP_ROW = "ifnull(version, char(1)) || char(31) || ifnull(description, char(1))"
            + " || char(31) || ifnull(script, char(1)) || char(31) || ifnull(checksum, char(1)) || char(31) || "
            + "ifnull(kind, char(1)) || char(31) || ifnull(applied_at, char(1)) || char(31) || "
            + "ifnull(applied_by, char(1)) || char(31) || ifnull(execution_ms, char(1)) || char(31) || "
            + "ifnull(success, char(1)) || char(31) || ifnull(note, char(1))";

    @Override
    protected boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    protected boolean historyTableExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, config.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A lease row in {@link SqliteLease#tableFor the lock table}, renewed while the run lasts. */
    @Override
    public MigrationLock lock(Duration timeout) {
        java.util.Optional<dev.godwit.dialect.ConnectionProvider> given = config.connections();
        if (given.isPresent() && given.get().singleConnection()) {
            if (config.url().inMemory()) {
                return MigrationLock.NONE; // only the caller's one connection sees this database
            }
            // the lease row is renewed from a connection of Godwit's own, never the caller's
            return SqliteLease.acquire(() -> SqliteDriver.open("jdbc:sqlite:" + file), lockTable(),
                    describe(), timeout, Clock.systemUTC(), SqliteLease.DEFAULT_TTL,
                    SqliteLease.DEFAULT_RENEW_EVERY, config.listener());
        }
        return SqliteLease.acquire(() -> connect(true), lockTable(), describe(), timeout, Clock.systemUTC(),
                SqliteLease.DEFAULT_TTL, SqliteLease.DEFAULT_RENEW_EVERY, config.listener());
    }

    @Override
    public Optional<LockHolder> lockHolder() {
        if (!isConnected() && !databaseExists()) {
            return Optional.empty();
        }
        try {
            return SqliteLease.read(connection(false), lockTable());
        } catch (SQLException e) {
            throw databaseError("reading the migration lock", e);
        }
    }

    @Override
    public Optional<LockHolder> breakLock() {
        if (!isConnected() && !databaseExists()) {
            return Optional.empty();
        }
        try {
            return SqliteLease.remove(connection(false), lockTable());
        } catch (SQLException e) {
            throw databaseError("removing the migration lock", e);
        }
    }

    String lockTable() {
        return SqliteLease.tableFor(config.table());
    }

    @Override
    protected void begin(Connection c) throws SQLException {
        long deadline = System.nanoTime() + config.lockTimeout().toNanos();
        long backoff = 10;
        while (true) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                if (!isBusy(e)) {
                    throw e;
                }
                if (System.nanoTime() >= deadline) {
                    throw locked();
                }
                LOG.debug("database busy, retrying in {} ms", backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 500);
            }
        }
    }

    @Override
    protected void commit(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("COMMIT");
        } catch (SQLException e) {
            // Deferred foreign keys are checked at COMMIT, which then fails with the transaction still open:
            // name the rows before the caller rolls back.
            if (pendingChange != null && String.valueOf(e.getMessage()).contains("FOREIGN KEY constraint failed")) {
                refuseBrokenReferences(c, pendingChange, SqliteChecks.foreignKeyViolations(c));
            }
            throw e;
        } finally {
            pendingChange = null;
        }
        if (fkAfter != null) {
            fkBaseline = fkAfter; // what this migration left is what the next one is compared against
            fkAfter = null;
        }
    }

    @Override
    protected void rollback(Connection c) {
        held.clear();
        heldChars = 0;
        try (java.sql.Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.rollback();
            } else {
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            // "cannot rollback - no transaction is active" after SQLite rolled back by itself
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    private static final java.util.regex.Pattern XERIAL_MESSAGE =
            java.util.regex.Pattern.compile("(?s)^\\[(SQLITE_\\w+)\\][^(]*\\((.*)\\)$");

    /** xerial wraps SQLite's message as "[SQLITE_ERROR] SQL error or missing database (no such table: t)". */
    @Override
    protected String messageOf(SQLException e) {
        String m = super.messageOf(e);
        java.util.regex.Matcher x = XERIAL_MESSAGE.matcher(m);
        return x.matches() ? x.group(2) + " (" + x.group(1) + ")" : m;
    }

    /**
     * SQLITE_FULL: the disk (or the file system's quota) is full. A write past a file size limit (RLIMIT_FSIZE,
     * EFBIG) may reach SQLite as SQLITE_FULL or as a plain SQLITE_IOERR; an I/O error is said to be one, with the
     * full disk as its likely cause, never claimed as certain.
     */
    @Override
    protected String storageFull(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("SQLITE_FULL") || m.contains("database or disk is full")) {
            return "the disk holding " + describe() + " is full (or the file reached a size limit)";
        }
        if (m.contains("SQLITE_IOERR")) {
            return "writing " + describe() + " failed with an I/O error (most often a full disk or a file size "
                    + "limit; otherwise a failing disk)";
        }
        return null;
    }

    @Override
    protected String hintFor(SQLException e, Statement statement) {
        String full = storageFull(e);
        if (full != null) {
            return full + ": free disk space next to the database (or raise the file size limit), then run the "
                    + "command again";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("within a transaction")) { // VACUUM, ATTACH/DETACH, journal_mode=WAL, ...
            return NO_TRANSACTION_HINT;
        }
        java.util.regex.Matcher missing = MISSING.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (missing.find()) {
            String name = missing.group(2);
            return missing.group(1).equals("function")
                    ? name + "() is not built into SQLite: if a loadable extension provides it, load it with "
                    + "--load-extension PATH (load-extension in godwit.toml, sqliteExtension(path) in the library); "
                    + "if the application registers it on its connections in code, register it for Godwit too with "
                    + "GodwitConfig.builder().sqliteFunction(\"" + name + "\", arguments, function)"
                    : "the virtual-table module " + name + " comes from a loadable extension: load it with "
                    + "--load-extension PATH (load-extension in godwit.toml, sqliteExtension(path) in the library)";
        }
        if (m.startsWith("[sqlite_toobig]")) {
            return "SQLite refuses a statement longer than " + String.format(Locale.ROOT, "%,d", MAX_LENGTH)
                    + " bytes and a string or BLOB larger than that (SQLITE_MAX_SQL_LENGTH, SQLITE_MAX_LENGTH: "
                    + "fixed when SQLite is compiled; Godwit already allows the most the driver's SQLite allows, "
                    + "as the sqlite3 shell does); this statement is " + String.format(Locale.ROOT, "%,d",
                    statement.sql().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + " bytes: split it "
                    + "(e.g. one INSERT per few thousand rows), or load large data outside the migration";
        }
        return "";
    }

    @Override
    protected GodwitException databaseError(String doing, SQLException e) {
        if (isBusy(e)) {
            return locked();
        }
        GodwitException unusable = unusable(describe(), doing, e);
        return unusable != null ? unusable : super.databaseError(doing, e);
    }

    /**
     * A file that SQLite cannot use as configured (not a database, read-only, cannot be opened): a configuration
     * problem, {@link ErrorCode#DATABASE_UNUSABLE}; null for any other error.
     *
     * @param database the database as messages name it
     * @param doing    what failed, e.g. "taking the migration lock"
     */
    static GodwitException unusable(String database, String doing, SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith("[SQLITE_NOTADB]")) {
            return new GodwitException(ErrorCode.DATABASE_UNUSABLE, doing + " failed: " + database
                    + " is not a SQLite database (SQLITE_NOTADB: the file holds something else)",
                    "check the path in the database URL: it names a file that is not a database; point it at the "
                            + "database file, or at a path that does not exist yet to create a new one", e);
        }
        if (m.startsWith("[SQLITE_READONLY")) {
            return new GodwitException(ErrorCode.DATABASE_UNUSABLE, doing + " failed: " + database
                    + " is read-only (" + m.substring(1, m.indexOf(']')) + "), so Godwit can neither take its lock "
                    + "nor record anything", "make the file and its folder writable for this user (SQLite writes "
                    + "-wal or -journal files next to it); " + Actions.STATUS + " and " + Actions.VALIDATE
                    + " only read", e);
        }
        if (m.startsWith("[SQLITE_CANTOPEN") || m.startsWith("[SQLITE_PERM]")) {
            return new GodwitException(ErrorCode.DATABASE_UNUSABLE, doing + " failed: SQLite cannot open "
                    + database + " (" + m.substring(1, m.indexOf(']')) + ")",
                    "check that the path is a file (not a folder) and that it and its folder are readable and "
                            + "writable for this user", e);
        }
        return null;
    }

    GodwitException locked() {
        return new GodwitException(ErrorCode.LOCKED, "another process holds " + describe()
                + " (still busy after " + config.lockTimeout().toSeconds() + " s)",
                "wait for the other process to finish, or " + Actions.RAISE_LOCK_TIMEOUT);
    }

    static boolean isBusy(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.contains("SQLITE_BUSY") || m.contains("database is locked") || m.contains("SQLITE_LOCKED");
    }

    @Override
    public Safeguards safeguards() {
        return new SqliteSafeguards(this, config);
    }

    /** The connection whose driver settings {@link #keysConfig} holds. */
    private Connection keysFor;
    /** sqlite-jdbc's settings of {@link #keysFor}, or null when it is not sqlite-jdbc's. */
    private org.sqlite.SQLiteConnectionConfig keysConfig;

    /**
     * Runs a migration file's statement without sqlite-jdbc's generated-key lookup: after each INSERT the driver
     * would run {@code SELECT last_insert_rowid()} for {@code getGeneratedKeys()}, which no statement of a file can
     * call (measured: 14% of the run of a file of 200,000 INSERTs). Java migrations keep the driver's setting.
     */
    @Override
    protected void execute(Connection c, Statement statement) throws SQLException {
        if (statement.sql().regionMatches(true, 0, "PRAGMA", 0, 6)) {
            pragmasMayHaveChanged = true;
        }
        org.sqlite.SQLiteConnectionConfig keys = driverSettings(c);
        if (keys == null || !keys.isGetGeneratedKeys()) {
            super.execute(c, statement);
            return;
        }
        keys.setGetGeneratedKeys(false);
        try {
            super.execute(c, statement);
        } finally {
            keys.setGetGeneratedKeys(true);
        }
    }

    /** At most this many statements are held back and run together; at most this many characters of them. */
    static final int HOLD_STATEMENTS = 100;
    static final int HOLD_CHARS = 1 << 20;
    /** The savepoint around statements run together, so that a failure among them can be found. */
    private static final String HELD = "godwit_held";
    /** The first words of the statements that may be held back: they write, never end a transaction or set pragmas. */
    private static final List<String> HOLDABLE = List.of("INSERT", "REPLACE", "UPDATE", "DELETE", "CREATE", "DROP",
            "ALTER");
    /** Statements held back by {@link #executeInTransaction}; the first is the migration's {@link #heldFrom}th. */
    private final List<Statement> held = new java.util.ArrayList<>();
    private int heldFrom;
    private int heldChars;

    /**
     * Holds back consecutive writing statements of a migration's transaction and runs up to {@link #HOLD_STATEMENTS}
     * of them in one call into SQLite ({@code sqlite3_exec}) instead of a prepare, step and finalize through the
     * driver for each (measured: a file of 200,000 INSERTs, 1.0-1.3 s -> 0.6-0.7 s of CPU). Any other statement runs
     * after those held before it, by itself, as before.
     */
    @Override
    protected void executeInTransaction(Connection c, Statement statement, int index) throws SQLException {
        if (nativeDatabase(c) == null || !holdable(statement)) {
            runHeldStatements(c);
            execute(c, statement);
            return;
        }
        if (held.isEmpty()) {
            heldFrom = index;
        }
        held.add(statement);
        heldChars += statement.sql().length();
        if (held.size() >= HOLD_STATEMENTS || heldChars >= HOLD_CHARS) {
            runHeldStatements(c);
        }
    }

    private static boolean holdable(Statement statement) {
        String sql = statement.sql();
        if (statement.isCopy() || sql.length() >= HOLD_CHARS || endsInLineComment(sql)) {
            return false;
        }
        for (String word : HOLDABLE) {
            if (sql.regionMatches(true, 0, word, 0, word.length())
                    && (sql.length() == word.length() || !Character.isLetterOrDigit(sql.charAt(word.length()))
                    && sql.charAt(word.length()) != '_')) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last line may end in a {@code --} comment, which would swallow a ';' put after it. */
    private static boolean endsInLineComment(String sql) {
        return sql.indexOf("--", sql.lastIndexOf('\n') + 1) >= 0;
    }

    /**
     * Runs the held statements in one {@code sqlite3_exec} inside a savepoint. When one fails, the savepoint is
     * rolled back and they run again one by one, so that the failing statement is named with its own line and
     * message exactly as when it ran alone. (When SQLite rolled back the whole transaction by itself, e.g. after an
     * interruption, the first of them is named.)
     */
    @Override
    protected void runHeldStatements(Connection c) throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        List<Statement> batch = List.copyOf(held);
        int from = heldFrom;
        StringBuilder sql = new StringBuilder(heldChars + 3 * batch.size() + 64);
        sql.append("SAVEPOINT ").append(HELD).append(";\n");
        for (Statement st : batch) {
            // ';' right after the text: SQLite keeps a CREATE's text up to it (sqlite_master), as when run alone
            sql.append(st.sql()).append(";\n");
        }
        sql.append("RELEASE ").append(HELD);
        held.clear();
        heldChars = 0;
        org.sqlite.core.DB db = nativeDatabase(c);
        try (java.sql.Statement s = c.createStatement()) {
            runCancellable(s, () -> db._exec(sql.toString()));
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            boolean interrupted = m.contains("SQLITE_INTERRUPT") || m.contains("interrupted");
            if (interrupted || !undoHeld(db)) {
                throw new HeldStatementFailed(batch.get(0), from, e);
            }
            for (int k = 0; k < batch.size(); k++) {
                try {
                    execute(c, batch.get(k));
                } catch (SQLException failed) {
                    throw new HeldStatementFailed(batch.get(k), from + k, failed);
                }
            }
            // ran through the second time (a failure that depended on timing): the statements are all done
        }
    }

    private static boolean undoHeld(org.sqlite.core.DB db) {
        try {
            db._exec("ROLLBACK TO " + HELD + ";\nRELEASE " + HELD);
            return true;
        } catch (SQLException e) {
            LOG.debug("rolling back to the savepoint failed: {}", e.getMessage());
            return false;
        }
    }

    /** The connection whose native database {@link #nativeDb} is. */
    private Connection nativeFor;
    /** sqlite-jdbc's native database of {@link #nativeFor}, or null when it is not sqlite-jdbc's. */
    private org.sqlite.core.DB nativeDb;

    private org.sqlite.core.DB nativeDatabase(Connection c) throws SQLException {
        if (c != nativeFor) {
            nativeFor = c;
            nativeDb = c.isWrapperFor(org.sqlite.SQLiteConnection.class)
                    ? c.unwrap(org.sqlite.SQLiteConnection.class).getDatabase() : null;
        }
        return nativeDb;
    }

    private org.sqlite.SQLiteConnectionConfig driverSettings(Connection c) throws SQLException {
        if (c != keysFor) {
            keysFor = c;
            keysConfig = c.isWrapperFor(org.sqlite.SQLiteConnection.class)
                    ? c.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig() : null;
        }
        return keysConfig;
    }

    /**
     * With {@code -- godwit:foreign-keys off}: enforcement off before BEGIN (SQLite ignores the pragma inside a
     * transaction) and on again after COMMIT or ROLLBACK; {@link #beforeCommit} still checks the result.
     */
    @Override
    public Outcome apply(Change change) {
        Connection c = connection(true);
        if (fkBaseline == null) {
            fkBaseline = foreignKeyViolations();
        }
        held.clear();
        heldChars = 0;
        runsCode = change.work() instanceof Work.Code;
        if (!change.directives().foreignKeysOff()) {
            try {
                return super.apply(change);
            } finally {
                pragmasMayHaveChanged |= runsCode;
                runsCode = false;
            }
        }
        foreignKeysWanted = false; // resetSession turns them off before BEGIN
        pragmasMayHaveChanged = true;
        try {
            return super.apply(change);
        } finally {
            foreignKeysWanted = true;
            pragmasMayHaveChanged = true;
            runsCode = false;
            try {
                setForeignKeys(c, true);
            } catch (SQLException e) {
                LOG.warn("turning foreign keys back on failed ({}); reconnecting", e.getMessage());
                close(); // the next connection turns them on when it opens
            }
        }
    }

    private static void setForeignKeys(Connection c, boolean on) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
        }
    }

    /**
     * {@code foreign_key_check} before COMMIT where a migration can have broken references: with enforcement on
     * (the default while migrating) a statement that breaks an immediate foreign key fails by itself, and a deferred
     * one fails COMMIT, whose rows {@link #commit} names then; so the whole-database scan runs only for
     * {@code -- godwit:foreign-keys off} migrations.
     */
    @Override
    protected void beforeCommit(Connection c, Change change) throws SQLException {
        if (!change.directives().foreignKeysOff()) {
            pendingChange = change;
            return;
        }
        fkAfter = refuseBrokenReferences(c, change, SqliteChecks.foreignKeyViolations(c));
    }

    /** Throws, naming the rows, when {@code now} has violations that were not there before the run. */
    private List<SqliteChecks.Violation> refuseBrokenReferences(Connection c, Change change,
                                                               List<SqliteChecks.Violation> now)
            throws SQLException {
        List<SqliteChecks.Violation> added = SqliteChecks.added(now, fkBaseline == null ? List.of() : fkBaseline);
        if (!added.isEmpty()) {
            String what = change.direction() == Direction.UP ? "migration " : "rollback of ";
            throw new GodwitException(ErrorCode.MIGRATION_FAILED, what + change.version() + " (" + change.script()
                    + ") leaves " + added.size() + " row(s) that break foreign keys (PRAGMA foreign_key_check); its "
                    + "transaction was rolled back, nothing of " + change.script() + " remains:"
                    + SqliteChecks.describe(c, added),
                    "make the migration fix or delete those rows (or create their parent rows) before it ends");
        }
        return now;
    }

    @Override
    public void run(Work.Code code) throws Exception {
        try {
            super.run(code);
        } finally {
            pragmasMayHaveChanged = true;
        }
    }

    @Override
    public void runAlone(Work.Code code, Statement what) {
        try {
            super.runAlone(code, what);
        } finally {
            pragmasMayHaveChanged = true;
        }
    }

    @Override
    public void executeAlone(Statement statement, int index) {
        try {
            super.executeAlone(statement, index);
        } finally {
            fkBaseline = null;
        }
    }

    boolean takesBackups() {
        return takesBackups;
    }

    /** Whether the database file existed, and was not empty, when this session was opened. */
    boolean existedWhenOpened() {
        return existedWhenOpened;
    }

    /** Checks foreign keys now, and remembers the result as what the next migration is compared against. */
    List<SqliteChecks.Violation> foreignKeyBaseline() {
        fkBaseline = databaseExists() ? foreignKeyViolations() : List.of();
        return fkBaseline;
    }

    /** The database was changed behind this session's back (a restore): check foreign keys afresh next time. */
    void foreignKeysChangedOutside() {
        fkBaseline = null;
    }

    List<SqliteChecks.Violation> foreignKeyViolations() {
        try {
            return SqliteChecks.foreignKeyViolations(connection(true));
        } catch (SQLException e) {
            throw databaseError("PRAGMA foreign_key_check", e);
        }
    }

    List<String> integrityProblems() {
        try {
            return SqliteChecks.integrityProblems(connection(true));
        } catch (SQLException e) {
            throw databaseError("PRAGMA integrity_check", e);
        }
    }

    String describeViolations(List<SqliteChecks.Violation> violations) {
        return SqliteChecks.describe(connection(true), violations);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.LOCKED, "interrupted while waiting for a busy database", "");
        }
    }

    /**
     * Syncs the write-ahead log (every migration this run committed reaches the disk), then closes. A session that
     * changed no row (status, a run with nothing to do) has nothing of its own to sync: every migration, baseline,
     * import or repair writes history rows, and a change of schema alone (an empty history table) is made again.
     */
    @Override
    public void close() {
        if (syncLogOnClose && isConnected() && changedRows()) {
            syncLog();
        }
        super.close();
    }

    /** Whether this connection inserted, updated or deleted any row; true when that cannot be told. */
    private boolean changedRows() {
        try (java.sql.Statement s = connection(false).createStatement();
             ResultSet rs = s.executeQuery("SELECT total_changes()")) {
            return !rs.next() || rs.getLong(1) != 0;
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    private void syncLog() {
        Path wal = Path.of(file + "-wal");
        try (java.nio.channels.FileChannel log = java.nio.channels.FileChannel.open(wal,
                java.nio.file.StandardOpenOption.WRITE)) {
            log.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing written since the last checkpoint
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sync {} ({}); the last migrations reach the disk with the next checkpoint", wal,
                    e.toString());
        }
    }
}
