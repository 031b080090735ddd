package dev.godwit.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitEvent;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.dialect.LockHolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease lock on real SQLite files. */
class SqliteLeaseIT {
    private static final Duration TTL = Duration.ofMillis(600);
    private static final Duration RENEW = Duration.ofMillis(100);

    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final GodwitListener listener = new GodwitListener() {
        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("app.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 1000");
        }
        return c;
    }

    private SqliteLease take(Duration timeout) {
        return SqliteLease.acquire(this::connect, "godwit_lock", "test.db", timeout, Clock.systemUTC(), TTL, RENEW,
                listener);
    }

    private Optional<LockHolder> holder() throws SQLException {
        try (Connection c = connect()) {
            return SqliteLease.read(c, "godwit_lock");
        }
    }

    private void plant(String host, long pid, Instant expires) throws SQLException {
        plant(host, pid, expires, "");
    }

    /** A lease row as another runner writes it; {@code process}: its PID namespace and start time. */
    private void plant(String host, long pid, Instant expires, String process) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(SqliteLease.createTableSql("godwit_lock"));
            s.execute("INSERT OR REPLACE INTO godwit_lock (id, owner, host, pid, acquired_at, expires_at, process) "
                    + "VALUES (1, 'someone-else', '" + host + "', " + pid + ", '" + expires.minusSeconds(60) + "', '"
                    + expires + "', '" + process + "')");
        }
    }

    @Test
    void theLockTableIsNamedAfterTheHistoryTable() {
        assertThat(SqliteLease.tableFor("godwit_history")).isEqualTo("godwit_lock");
        assertThat(SqliteLease.tableFor("schema_migrations")).isEqualTo("schema_migrations_lock");
    }

    @Test
    void aHeldLeaseMakesASecondRunnerWaitThenFailWithLockedNamingTheHolder() throws Exception {
        try (SqliteLease first = take(Duration.ZERO)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> take(Duration.ofMillis(700)))
                    .isInstanceOfSatisfying(GodwitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("another runner holds the migration lock of test.db")
                                .contains("pid " + ProcessHandle.current().pid() + " on host "
                                        + SqliteLease.localHost() + " since ");
                        assertThat(e.hint()).contains("godwit unlock");
                    });
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(650);
            assertThat(holder()).map(LockHolder::owner).contains(first.owner());
        }
        assertThat(holder()).isEmpty();
    }

    @Test
    void aRunnerThatWaitsForTheLeaseSaysSoAsATypedEventNamingTheHolder() throws Exception {
        List<GodwitEvent> events = new CopyOnWriteArrayList<>();
        GodwitListener counting = new GodwitListener() {
            @Override
            public void on(GodwitEvent event) {
                events.add(event);
            }
        };
        try (SqliteLease first = take(Duration.ZERO)) {
            assertThatThrownBy(() -> SqliteLease.acquire(this::connect, "godwit_lock", "test.db",
                    Duration.ofMillis(300), Clock.systemUTC(), TTL, RENEW, counting))
                    .isInstanceOf(GodwitException.class);
        }
        assertThat(events).singleElement().isInstanceOfSatisfying(GodwitEvent.LockWaited.class, w -> {
            assertThat(w.holder()).contains("pid " + ProcessHandle.current().pid());
            assertThat(w.timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(w.message()).startsWith("waiting for the migration lock held by " + w.holder());
        });
    }

    @Test
    void theHeartbeatKeepsTheLeaseAliveLongerThanItsTimeToLive() throws Exception {
        try (SqliteLease lease = take(Duration.ZERO)) {
            Thread.sleep(TTL.toMillis() * 3);
            LockHolder h = holder().orElseThrow();
            assertThat(h.owner()).isEqualTo(lease.owner());
            assertThat(h.expiresAt()).isAfter(Instant.now());
            assertThatThrownBy(() -> take(Duration.ZERO)).isInstanceOf(GodwitException.class);
            assertThat(lease.lost()).isFalse();
        }
    }

    @Test
    void aLeaseThatRanOutLongAgoIsTakenOverAtFirstSightAndTheTakeOverIsReported() throws Exception {
        plant("elsewhere", 4242, Instant.now().minus(SqliteLease.CLOCK_SKEW_TOLERANCE).minusSeconds(60));
        try (SqliteLease lease = take(Duration.ZERO)) {
            assertThat(holder()).map(LockHolder::owner).contains(lease.owner());
        }
        assertThat(warnings).singleElement().asString()
                .contains("took over the migration lock of pid 4242 on host elsewhere").contains("expired");
    }

    @Test
    void aLeaseWhoseHeartbeatStandsStillForItsTimeToLiveIsTakenOverWhateverTheClocksSay() throws Exception {
        // Expired 5 s ago by this clock: that could be the other machine's clock running behind, so it is watched.
        plant("elsewhere", 4242, Instant.now().minusSeconds(5));
        assertThatThrownBy(() -> take(Duration.ofMillis(TTL.toMillis() / 2)))
                .hasMessageContaining("pid 4242 on host elsewhere");
        try (SqliteLease lease = take(TTL.multipliedBy(3))) {
            assertThat(holder()).map(LockHolder::owner).contains(lease.owner());
        }
        assertThat(warnings).singleElement().asString()
                .contains("took over the migration lock of pid 4242 on host elsewhere").contains("expired");
    }

    @Test
    void aValidLeaseOfAnotherHostIsRespected() throws Exception {
        plant("elsewhere", 4242, Instant.now().plusSeconds(60));
        assertThatThrownBy(() -> take(Duration.ofMillis(300)))
                .hasMessageContaining("pid 4242 on host elsewhere");
        assertThat(holder()).map(LockHolder::host).contains("elsewhere");
    }

    @Test
    void aLiveLeaseIsRespectedByARunnerWhoseClockIsFortySecondsAhead() throws Exception {
        try (SqliteLease first = take(Duration.ZERO)) {
            Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(40));
            assertThatThrownBy(() -> SqliteLease.acquire(this::connect, "godwit_lock", "test.db",
                    TTL.multipliedBy(2), ahead, TTL, RENEW, listener))
                    .isInstanceOf(GodwitException.class).hasMessageContaining("another runner holds");
            assertThat(holder()).map(LockHolder::owner).contains(first.owner());
            assertThat(first.lost()).isFalse();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aLeaseOfThisHostFromAnotherPidNamespaceIsNotJudgedByItsPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        // Same host name, pid free here, but written from another PID namespace (another container, say).
        plant(SqliteLease.localHost(), p.pid(), Instant.now().plusSeconds(60), "pid:[1] 2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> take(Duration.ofMillis(TTL.toMillis() / 2)))
                .hasMessageContaining("pid " + p.pid());
        assertThat(holder()).map(LockHolder::owner).contains("someone-else");
    }

    @Test
    void theLeaseOfAProcessThatIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        plant(SqliteLease.localHost(), p.pid(), Instant.now().plusSeconds(60),
                SqliteLease.pidNamespace() + " " + Instant.now().minusSeconds(1));
        try (SqliteLease lease = take(Duration.ZERO)) {
            assertThat(holder()).map(LockHolder::owner).contains(lease.owner());
        }
        assertThat(warnings).singleElement().asString().contains("pid " + p.pid())
                .contains("no longer running");
    }

    @Test
    void aRunnerThatLostItsLeaseSaysSo() throws Exception {
        try (SqliteLease lease = take(Duration.ZERO)) {
            plant("elsewhere", 4242, Instant.now().plusSeconds(60));
            Thread.sleep(RENEW.toMillis() * 4);
            assertThat(lease.lost()).isTrue();
            assertThat(warnings).anyMatch(w -> w.contains("lost the migration lock"));
        }
        assertThat(holder()).map(LockHolder::host).as("release leaves the other runner's lease alone")
                .contains("elsewhere");
    }

    @Test
    void removeDeletesWhateverLeaseThereIsAndSaysWhoseItWas() throws Exception {
        plant("elsewhere", 4242, Instant.now().plusSeconds(60));
        try (Connection c = connect()) {
            assertThat(SqliteLease.remove(c, "godwit_lock")).map(LockHolder::describe).get().asString()
                    .startsWith("pid 4242 on host elsewhere since ");
            assertThat(SqliteLease.remove(c, "godwit_lock")).isEmpty();
        }
    }
}
