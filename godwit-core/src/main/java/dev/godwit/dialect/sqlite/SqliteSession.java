package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.JdbcSession;
import dev.godwit.dialect.MigrationLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite file. Each migration runs inside {@code BEGIN IMMEDIATE}, which takes the write lock up front; a busy
 * database is waited for (SQLite's busy timeout, then retries with backoff) up to the lock timeout.
 */
class SqliteSession extends JdbcSession {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSession.class);
    private static final long MAX_BUSY_TIMEOUT_MS = 2_000;

    private final Path file;

    SqliteSession(GodwitConfig config, Path file) {
        super(config);
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "SQLite database " + file;
    }

    @Override
    protected boolean databaseExists() {
        return Files.exists(file);
    }

    @Override
    protected Connection connect(boolean create) throws SQLException {
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
                        + e.getMessage(), "check the path in --url and the folder's permissions", e);
            }
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "the SQLite JDBC driver is not on the classpath",
                        "add org.xerial:sqlite-jdbc to your application's dependencies", e);
            }
            throw e;
        }
        try (java.sql.Statement s = c.createStatement()) {
            long busy = Math.min(MAX_BUSY_TIMEOUT_MS, config.lockTimeout().toMillis());
            s.execute("PRAGMA busy_timeout = " + busy);
            s.execute("PRAGMA foreign_keys = ON");
            if (!existed) {
                String mode = config.journalMode().toLowerCase(Locale.ROOT);
                s.execute("PRAGMA journal_mode = " + mode);
                LOG.debug("created {} in journal mode {}", file, mode);
            }
        }
        return c;
    }

    @Override
    protected String historyTable() {
        return "\"" + config.table() + "\"";
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

    @Override
    public MigrationLock lock(Duration timeout) {
        return MigrationLock.NONE;
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
        }
    }

    @Override
    protected void rollback(Connection c) {
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

    @Override
    protected GodwitException databaseError(String doing, SQLException e) {
        if (isBusy(e)) {
            return locked();
        }
        return super.databaseError(doing, e);
    }

    GodwitException locked() {
        return new GodwitException(ErrorCode.LOCKED, "another process holds " + describe()
                + " (still busy after " + config.lockTimeout().toSeconds() + " s)",
                "wait for the other process to finish, or raise --lock-timeout");
    }

    static boolean isBusy(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.contains("SQLITE_BUSY") || m.contains("database is locked") || m.contains("SQLITE_LOCKED");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.LOCKED, "interrupted while waiting for a busy database", "");
        }
    }
}
