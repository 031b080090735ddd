package dev.godwit.dialect.postgres;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.JdbcSession;
import dev.godwit.dialect.MigrationLock;
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
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL database and schema. Migrations run with {@code search_path} set to the schema, each in its own
 * transaction with its history row (PostgreSQL's DDL is transactional). One runner at a time: a session advisory
 * lock on a connection of its own, held for the whole run.
 */
class PostgresSession extends JdbcSession {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSession.class);
    static final String DEFAULT_SCHEMA = "public";
    static final String NO_TRANSACTION_HINT = "PostgreSQL cannot run this statement inside a transaction: add "
            + "'-- godwit:no-transaction' as the first line of the file (its statements then run one by one, "
            + "outside a transaction; keep such a migration to the statements that need it)";
    private static final long MAX_POLL_MS = 500;

    private final PostgresUrl url;
    private final String schema;

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
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + quote(schema));
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private Connection open() throws SQLException {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
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
        try (java.sql.Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            executeCancellable(s, statement.sql());
        }
    }

    @Override
    protected String hintFor(SQLException e, Statement statement) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "25001" -> NO_TRANSACTION_HINT;
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
                    "check the user and password in --url (or PGPASSWORD) and the server's pg_hba.conf", e);
        }
        if (state.equals("3D000")) {
            return new GodwitException(ErrorCode.CONFIGURATION, "PostgreSQL " + url.describe() + " does not exist: "
                    + message, "create the database first (e.g. createdb), or fix the database name in --url", e);
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

    @Override
    public MigrationLock lock(Duration timeout) {
        Connection c;
        try {
            c = open();
        } catch (SQLException e) {
            throw databaseError("connecting for the migration lock", e);
        }
        try {
            long key = lockKey(currentDatabase(c), schema, config.table());
            long deadline = System.nanoTime() + timeout.toNanos();
            long pause = 20;
            boolean told = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            LOG.debug("took advisory lock {} on {}", key, describe());
                            return new AdvisoryLock(c, key);
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new GodwitException(ErrorCode.LOCKED, "another runner holds the migration lock on "
                                + describe() + ": " + holder(c, key) + "; gave up after "
                                + timeout.toSeconds() + " s", "wait for it to finish, or raise --lock-timeout; "
                                + "if it hangs, end it with SELECT pg_terminate_backend(<pid>)");
                    }
                    if (!told) {
                        config.listener().info("waiting up to " + timeout.toSeconds() + " s for the migration "
                                + "lock, held by " + holder(c, key));
                        told = true;
                    }
                    long jitter = ThreadLocalRandom.current().nextLong(pause / 2 + 1);
                    sleep(Math.min(pause + jitter, Math.max(1, left / 1_000_000)));
                    pause = Math.min(pause * 2, MAX_POLL_MS);
                }
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw databaseError("taking the migration lock", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** The session holding our advisory lock, from pg_locks joined with pg_stat_activity. */
    private static String holder(Connection c, long key) throws SQLException {
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
                    return "a session that has just let go of it";
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
                return s.toString();
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

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing connection: {}", e.getMessage());
        }
    }

    /** Releases the advisory lock and closes its connection (closing alone would release it too). */
    private static final class AdvisoryLock implements MigrationLock {
        private final Connection connection;
        private final long key;

        AdvisoryLock(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException e) {
                LOG.debug("releasing advisory lock: {}", e.getMessage());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
