package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.dialect.LockHolder;
import dev.godwit.dialect.MigrationLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock of a SQLite file: a lease row in a one-row table next to the history table. SQLite has no
 * session-level advisory lock that outlives a transaction, so a runner writes who it is (a random owner id, host,
 * pid) and until when the lease holds, renews it from a daemon heartbeat thread while it runs, and deletes it at
 * the end. No crash leaves it stuck: a lease that is not renewed expires and may be taken over, and a lease whose
 * process is gone from this host is taken over at once.
 *
 * <p>The lease only keeps runners from working side by side; correctness does not rest on it. Each migration
 * still re-checks its history row inside {@code BEGIN IMMEDIATE}, so a runner that lost its lease (a pause
 * longer than the lease) cannot apply a migration twice.
 *
 * <p>The lease uses its own connection, so taking, renewing and releasing it never mixes with the migrations'
 * transactions.
 */
final class SqliteLease implements MigrationLock {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLease.class);

    /** How long a lease holds without renewal. */
    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** How often a held lease is renewed. */
    static final Duration DEFAULT_RENEW_EVERY = Duration.ofSeconds(10);

    /** Opens a connection to the database (creating the file when missing). */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private static final String BUSY = "";
    private static final String HOST = findLocalHost();

    private final Connection connection;
    private final String table;
    private final String owner;
    private final Clock clock;
    private final Duration ttl;
    private final GodwitListener listener;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean lost;
    private boolean released;

    private SqliteLease(Connection connection, String table, String owner, Clock clock, Duration ttl,
                        Duration renewEvery, GodwitListener listener) {
        this.connection = connection;
        this.table = table;
        this.owner = owner;
        this.clock = clock;
        this.ttl = ttl;
        this.listener = listener;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = renewEvery.toMillis();
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** The lock table that goes with a history table: {@code godwit_history} → {@code godwit_lock}. */
    static String tableFor(String historyTable) {
        return historyTable.endsWith("_history")
                ? historyTable.substring(0, historyTable.length() - "_history".length()) + "_lock"
                : historyTable + "_lock";
    }

    /**
     * Takes the lease, polling while another live runner holds it, for up to {@code timeout}.
     *
     * @param database how to name the database in messages
     * @throws GodwitException {@link ErrorCode#LOCKED} naming the holder when the time is up
     */
    static SqliteLease acquire(Connector connector, String table, String database, Duration timeout, Clock clock,
                               Duration ttl, Duration renewEvery, GodwitListener listener) {
        if (renewEvery.isZero() || renewEvery.isNegative() || renewEvery.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("renew the lease more often than it expires: " + renewEvery
                    + " vs " + ttl);
        }
        Connection c;
        try {
            c = connector.open();
        } catch (SQLException e) {
            GodwitException unusable = SqliteSession.unusable(database, "opening it for the migration lock", e);
            throw unusable != null ? unusable : new GodwitException(ErrorCode.DATABASE, "opening " + database
                    + " for the migration lock failed: " + e.getMessage(), "check that the database is writable", e);
        }
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        LockHolder waitingFor = null;
        try {
            while (true) {
                Optional<LockHolder> holder = tryTake(c, table, database, owner, clock, ttl, listener);
                if (holder.isEmpty()) {
                    LOG.debug("took the migration lock of {} as {}", database, owner);
                    return new SqliteLease(c, table, owner, clock, ttl, renewEvery, listener);
                }
                LockHolder h = holder.get();
                boolean busy = h.owner().equals(BUSY);
                if (!busy && (waitingFor == null || !waitingFor.owner().equals(h.owner()))) {
                    listener.info("waiting for the migration lock held by " + h.describe()
                            + " (up to " + timeout.toSeconds() + " s)");
                    waitingFor = h;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && busy) {
                    throw new GodwitException(ErrorCode.LOCKED, "another process holds " + database
                            + " (still busy after " + timeout.toSeconds() + " s)",
                            "wait for the other process to finish, or raise --lock-timeout");
                }
                if (left <= 0) {
                    throw new GodwitException(ErrorCode.LOCKED, "another runner holds the migration lock of "
                            + database + ": " + h.describe() + " (its lease runs until " + h.expiresAt()
                            + " unless renewed)",
                            "wait for it to finish and run the command again, or raise --lock-timeout; if that "
                                    + "runner is gone, its lease expires by itself, or clear it with 'godwit unlock'");
                }
                long pause = ThreadLocalRandom.current().nextLong(50, 250);
                sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** One attempt: empty when the lease is now ours, else who holds it. */
    private static Optional<LockHolder> tryTake(Connection c, String table, String database, String owner,
                                                Clock clock, Duration ttl, GodwitListener listener) {
        try {
            // A cheap look first, without the write lock, so waiting runners do not slow the holder down.
            Optional<LockHolder> seen = read(c, table);
            if (seen.isPresent() && !takeable(seen.get(), clock.instant())) {
                return seen;
            }
            if (!beginImmediate(c)) {
                return Optional.of(seen.orElseGet(() -> busyPlaceholder(clock)));
            }
            boolean committed = false;
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(createTableSql(table));
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                Optional<LockHolder> current = readRow(c, table);
                if (current.isPresent() && !takeable(current.get(), now)) {
                    return current;
                }
                current.ifPresent(old -> {
                    String why = old.expiredAt(now) ? "its lease expired at " + old.expiresAt()
                            : "that process is no longer running";
                    LOG.info("taking over the migration lock of {}: {}", old.describe(), why);
                    listener.warning("took over the migration lock of " + old.describe() + ": " + why);
                });
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + quote(table)
                        + " (id, owner, host, pid, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, owner);
                    ps.setString(2, localHost());
                    ps.setLong(3, ProcessHandle.current().pid());
                    ps.setString(4, now.toString());
                    ps.setString(5, now.plus(ttl).toString());
                    ps.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                }
                committed = true;
                return Optional.empty();
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } catch (SQLException e) {
            if (SqliteSession.isBusy(e)) {
                return Optional.of(busyPlaceholder(clock));
            }
            GodwitException unusable = SqliteSession.unusable(database, "taking the migration lock", e);
            throw unusable != null ? unusable : new GodwitException(ErrorCode.DATABASE, "taking the migration lock "
                    + "(table " + table + ") failed: " + e.getMessage(), "check that the database is writable", e);
        }
    }

    /** A lease may be taken when it ran out, or when its process is gone from this very host. */
    static boolean takeable(LockHolder h, Instant now) {
        if (h.expiredAt(now)) {
            return true;
        }
        if (!h.host().equals(localHost()) || h.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        return ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    /** While another connection writes, we may not see the lease at all: a holder that stands for "busy". */
    private static LockHolder busyPlaceholder(Clock clock) {
        Instant now = clock.instant();
        return new LockHolder(BUSY, "", 0, now, now);
    }

    /** The lease row, if the table and the row exist. Reads outside any transaction. */
    static Optional<LockHolder> read(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return readRow(c, table);
    }

    private static Optional<LockHolder> readRow(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, host, pid, acquired_at, expires_at FROM "
                + quote(table) + " WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new LockHolder(rs.getString(1), rs.getString(2), rs.getLong(3),
                    Instant.parse(rs.getString(4)), Instant.parse(rs.getString(5))));
        }
    }

    /** Deletes the lease whoever holds it; returns whose it was. */
    static Optional<LockHolder> remove(Connection c, String table) throws SQLException {
        Optional<LockHolder> holder = read(c, table);
        if (holder.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + quote(table) + " WHERE id = 1")) {
                ps.executeUpdate();
            }
        }
        return holder;
    }

    static String createTableSql(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " ("
                + "id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), "
                + "owner TEXT NOT NULL, "
                + "host TEXT NOT NULL, "
                + "pid INTEGER NOT NULL, "
                + "acquired_at TEXT NOT NULL, "
                + "expires_at TEXT NOT NULL)";
    }

    /** True when another runner took the lease over while this one held it (it paused longer than the lease). */
    boolean lost() {
        return lost;
    }

    String owner() {
        return owner;
    }

    private void renew() {
        Instant until = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(ttl);
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + quote(table)
                + " SET expires_at = ? WHERE id = 1 AND owner = ?")) {
            ps.setString(1, until.toString());
            ps.setString(2, owner);
            if (ps.executeUpdate() == 0 && !lost) {
                lost = true;
                listener.warning("lost the migration lock: another runner took it over after this one paused "
                        + "longer than the lease (" + ttl.toSeconds() + " s); each migration is still re-checked "
                        + "inside its transaction");
            } else {
                LOG.debug("renewed the migration lock until {}", until);
            }
        } catch (SQLException e) {
            LOG.debug("renewing the migration lock failed, will retry: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("renewing the migration lock failed: {}", e.toString());
        }
    }

    /** Stops the heartbeat and deletes the lease (if still ours). Failing that, the lease simply expires. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + quote(table)
                        + " WHERE id = 1 AND owner = ?")) {
                    ps.setString(1, owner);
                    ps.executeUpdate();
                    LOG.debug("released the migration lock");
                    break;
                } catch (SQLException e) {
                    if (!SqliteSession.isBusy(e) || attempt >= 10) {
                        LOG.warn("could not release the migration lock ({}); it expires within {} s",
                                e.getMessage(), ttl.toSeconds());
                        break;
                    }
                    sleep(100L * attempt);
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean beginImmediate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            return true;
        } catch (SQLException e) {
            if (SqliteSession.isBusy(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the lock connection: {}", e.getMessage());
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.LOCKED, "interrupted while waiting for the migration lock", "");
        }
    }

    /** This machine's name, as written into the lease. */
    static String localHost() {
        return HOST;
    }

    /** From $HOSTNAME, /etc/hostname, else the JDK. */
    private static String findLocalHost() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                host = "";
            }
        }
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host;
    }
}
