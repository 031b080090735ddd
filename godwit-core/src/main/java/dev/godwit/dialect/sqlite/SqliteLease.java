package dev.godwit.dialect.sqlite;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitEvent;
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
 * <p>Expiry is judged without trusting two machines' clocks to agree: each renewal also counts up a heartbeat
 * number, and a waiting runner takes the lease over once it has itself watched that number stand still for the
 * lease's time to live (measured on its own monotonic clock). Only a lease whose expiry lies further in the past
 * than {@link #CLOCK_SKEW_TOLERANCE} by this machine's clock counts as expired at first sight. "Its process is
 * gone" is only concluded for a holder in the same PID namespace of the same host whose pid is free or now belongs
 * to a process started at another time; a holder in another container or PID namespace that shares the host name
 * is never judged by its pid.
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
    /** How far two runners' clocks may disagree before a live lease could be mistaken for an expired one. */
    static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(5);

    /** Opens a connection to the database (creating the file when missing). */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private static final String BUSY = "";
    private static final String HOST = findLocalHost();
    private static final String PID_NAMESPACE = findPidNamespace();
    /** This process beyond its pid: the PID namespace it lives in and when it started. */
    private static final String PROCESS = processIdentity(ProcessHandle.current());

    /** The lease row: who holds it, how often it was renewed, and which process that is beyond its pid. */
    record Lease(LockHolder holder, long beats, String process) {
        /** Changes on every renewal and with every new holder. */
        String heartbeat() {
            return holder.owner() + "#" + beats;
        }
    }

    /** What a waiting runner saw of the lease, and since when it saw it unchanged (monotonic clock). */
    private static final class Watch {
        private String heartbeat;
        private long since;

        /** How long {@code lease} has stood still as far as this runner has watched. */
        Duration unchangedFor(Lease lease) {
            long now = System.nanoTime();
            if (!lease.heartbeat().equals(heartbeat)) {
                heartbeat = lease.heartbeat();
                since = now;
            }
            return Duration.ofNanos(now - since);
        }
    }

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
        Watch watch = new Watch();
        try {
            while (true) {
                Optional<LockHolder> holder = tryTake(c, table, database, owner, clock, ttl, listener, watch);
                if (holder.isEmpty()) {
                    LOG.debug("took the migration lock of {} as {}", database, owner);
                    return new SqliteLease(c, table, owner, clock, ttl, renewEvery, listener);
                }
                LockHolder h = holder.get();
                boolean busy = h.owner().equals(BUSY);
                if (!busy && (waitingFor == null || !waitingFor.owner().equals(h.owner()))) {
                    listener.on(new GodwitEvent.LockWaited(h.describe(), timeout, "waiting for the migration lock "
                            + "held by " + h.describe() + " (up to " + timeout.toSeconds() + " s)"));
                    waitingFor = h;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && busy) {
                    throw new GodwitException(ErrorCode.LOCKED, "another process holds " + database
                            + " (still busy after " + timeout.toSeconds() + " s)",
                            "wait for the other process to finish, or " + Actions.RAISE_LOCK_TIMEOUT);
                }
                if (left <= 0) {
                    throw new GodwitException(ErrorCode.LOCKED, "another runner holds the migration lock of "
                            + database + ": " + h.describe() + " (its lease runs until " + h.expiresAt()
                            + " unless renewed)",
                            "wait for it to finish and run the command again, or " + Actions.RAISE_LOCK_TIMEOUT
                                    + "; if that runner is gone, its lease expires by itself, or clear it with "
                                    + "'godwit unlock'");
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
                                                Clock clock, Duration ttl, GodwitListener listener, Watch watch) {
        try {
            // A cheap look first, without the write lock, so waiting runners do not slow the holder down.
            Optional<Lease> seen = readLease(c, table);
            if (seen.isPresent() && whyTakeable(seen.get(), clock.instant(), watch.unchangedFor(seen.get()), ttl)
                    .isEmpty()) {
                return seen.map(Lease::holder);
            }
            if (!beginImmediate(c)) {
                return Optional.of(seen.map(Lease::holder).orElseGet(() -> busyPlaceholder(clock)));
            }
            boolean committed = false;
            try {
                ensureTable(c, table);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                Optional<Lease> current = readLeaseRow(c, table);
                if (current.isPresent()) {
                    Lease old = current.get();
                    Optional<String> why = whyTakeable(old, now, watch.unchangedFor(old), ttl);
                    if (why.isEmpty()) {
                        return Optional.of(old.holder());
                    }
                    LOG.info("taking over the migration lock of {}: {}", old.holder().describe(), why.get());
                    listener.warning("took over the migration lock of " + old.holder().describe() + ": " + why.get());
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + quote(table)
                        + " (id, owner, host, pid, acquired_at, expires_at, beats, process)"
                        + " VALUES (1, ?, ?, ?, ?, ?, 0, ?)")) {
                    ps.setString(1, owner);
                    ps.setString(2, localHost());
                    ps.setLong(3, ProcessHandle.current().pid());
                    ps.setString(4, now.toString());
                    ps.setString(5, now.plus(ttl).toString());
                    ps.setString(6, PROCESS);
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

    /**
     * Why a lease may be taken over, or empty while it must be respected: it ran out long enough ago that no clock
     * skew explains it, its heartbeat has stood still for its time to live while this runner watched, or its process
     * is gone from this very host and PID namespace.
     */
    static Optional<String> whyTakeable(Lease lease, Instant now, Duration unchangedFor, Duration ttl) {
        LockHolder h = lease.holder();
        if (now.isAfter(h.expiresAt().plus(CLOCK_SKEW_TOLERANCE))) {
            return Optional.of("its lease expired at " + h.expiresAt());
        }
        if (unchangedFor.compareTo(ttl) >= 0) {
            return Optional.of("its lease expired: it was not renewed for " + ttl.toMillis() / 1000.0 + " s");
        }
        if (processGone(lease)) {
            return Optional.of("that process is no longer running");
        }
        return Optional.empty();
    }

    /** True only for a holder on this host, in this PID namespace, whose pid is free or names a later process. */
    private static boolean processGone(Lease lease) {
        LockHolder h = lease.holder();
        if (!h.host().equals(localHost()) || h.pid() == ProcessHandle.current().pid() || PID_NAMESPACE.isEmpty()
                || !lease.process().startsWith(PID_NAMESPACE + " ")) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
        return p.isEmpty() || !p.get().isAlive() || !processIdentity(p.get()).equals(lease.process());
    }

    private static String processIdentity(ProcessHandle p) {
        return PID_NAMESPACE + " " + p.info().startInstant().map(Instant::toString).orElse("?");
    }

    /** This process's PID namespace ({@code pid:[4026531836]}), or empty where there is none to read. */
    static String pidNamespace() {
        return PID_NAMESPACE;
    }

    /** {@code pid:[4026531836]}: the PID namespace of this process, or empty where there is none to read. */
    private static String findPidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** While another connection writes, we may not see the lease at all: a holder that stands for "busy". */
    private static LockHolder busyPlaceholder(Clock clock) {
        Instant now = clock.instant();
        return new LockHolder(BUSY, "", 0, now, now);
    }

    /** The lease row, if the table and the row exist. Reads outside any transaction. */
    static Optional<LockHolder> read(Connection c, String table) throws SQLException {
        return readLease(c, table).map(Lease::holder);
    }

    private static Optional<Lease> readLease(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return readLeaseRow(c, table);
    }

    /** Reads the row; a table written by an older Godwit has no heartbeat or process columns (read as 0 and ''). */
    private static Optional<Lease> readLeaseRow(Connection c, String table) throws SQLException {
        boolean current = hasColumn(c, table, "process");
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, host, pid, acquired_at, expires_at"
                + (current ? ", beats, process" : ", 0, ''") + " FROM " + quote(table) + " WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Lease(new LockHolder(rs.getString(1), rs.getString(2), rs.getLong(3),
                    Instant.parse(rs.getString(4)), Instant.parse(rs.getString(5))), rs.getLong(6),
                    rs.getString(7)));
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates the table, or adds the columns an older Godwit's table lacks; inside the caller's transaction. */
    private static void ensureTable(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createTableSql(table));
            if (!hasColumn(c, table, "beats")) {
                s.execute("ALTER TABLE " + quote(table) + " ADD COLUMN beats INTEGER NOT NULL DEFAULT 0");
            }
            if (!hasColumn(c, table, "process")) {
                s.execute("ALTER TABLE " + quote(table) + " ADD COLUMN process TEXT NOT NULL DEFAULT ''");
            }
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
                + "expires_at TEXT NOT NULL, "
                + "beats INTEGER NOT NULL DEFAULT 0, "
                + "process TEXT NOT NULL DEFAULT '')";
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
                + " SET expires_at = ?, beats = beats + 1 WHERE id = 1 AND owner = ?")) {
            ps.setString(1, until.toString());
            ps.setString(2, owner);
            if (ps.executeUpdate() == 0 && !lost) {
                lost = true;
                String byWhom = read(connection, table).map(h -> " by " + h.describe()).orElse("");
                listener.warning("lost the migration lock: it was taken over" + byWhom + " while this runner "
                        + "held it (its renewals did not reach the database for " + ttl.toSeconds() + " s); each "
                        + "migration is still re-checked inside its transaction, so none runs twice");
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
