package dev.godwit.dialect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the session a running statement waits for. PostgreSQL forgets who blocked a statement once its
 * lock_timeout fires, so while a statement runs longer than {@value #POLL_MS} ms a background thread asks, every
 * {@value #POLL_MS} ms, on a connection of its own opened only then, {@code pg_blocking_pids} of the migration's
 * server process and keeps the last answer. Statements that finish sooner cost two volatile writes and nothing on
 * the server: the thread looks every {@value #TICK_MS} ms at what runs (scheduling a task per statement woke it
 * twice per statement, a sixth of the client's CPU on 1,000 small migrations).
 */
final class LockWaits implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockWaits.class);
    static final long POLL_MS = 250;
    static final long TICK_MS = 50;

    /** Opens a connection to the same database. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "godwit-lock-waits");
        t.setDaemon(true);
        return t;
    });
    private Connection probe; // used on the timer thread only
    private long lastPoll; // on the timer thread only, as the two below
    private long polledFor;
    private ScheduledFuture<?> ticking;
    private volatile String blocker;
    /** The server process whose statement is watched. */
    private volatile int pid;
    /** {@link System#nanoTime()} when the watched statement started; 0 while none is watched. */
    private volatile long since;

    LockWaits(Opener opener) {
        this.opener = opener;
    }

    /** Starts watching the statement about to run on server process {@code pid}. */
    void watch(int pid) {
        blocker = null;
        this.pid = pid;
        since = System.nanoTime() | 1;
        if (ticking == null) {
            ticking = timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops watching (the statement ended). */
    void stop() {
        since = 0;
    }

    private void tick() {
        long started = since;
        long now = System.nanoTime();
        long poll = TimeUnit.MILLISECONDS.toNanos(POLL_MS);
        if (started != 0 && now - started >= poll && (polledFor != started || now - lastPoll >= poll)) {
            polledFor = started;
            lastPoll = now;
            poll(pid);
        }
    }

    /** The last session seen blocking the statement, described; null when none was seen. */
    String blocker() {
        return blocker;
    }

    private void poll(int pid) {
        try {
            if (probe == null || probe.isClosed()) {
                probe = opener.open();
            }
            try (PreparedStatement ps = probe.prepareStatement("SELECT a.pid, a.application_name, a.usename, "
                    + "a.client_addr, a.xact_start, a.query_start, a.state FROM pg_catalog.pg_stat_activity a "
                    + "WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST LIMIT 1")) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        blocker = describe(rs);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("looking for the session a statement waits for: {}", e.getMessage());
        }
    }

    private static String describe(ResultSet rs) throws SQLException {
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
            s.append(", in a transaction since ").append(rs.getTimestamp(5).toInstant());
        }
        if (rs.getTimestamp(6) != null) {
            s.append(", query started ").append(rs.getTimestamp(6).toInstant());
        }
        if (rs.getString(7) != null) {
            s.append(", now ").append(rs.getString(7));
        }
        return s.toString();
    }

    @Override
    public void close() {
        stop();
        if (ticking != null) {
            ticking.cancel(false);
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (probe != null) {
            try {
                probe.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock-wait probe: {}", e.getMessage());
            }
        }
    }
}
