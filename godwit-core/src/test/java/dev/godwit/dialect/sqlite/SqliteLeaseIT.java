package dev.godwit.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
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
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(SqliteLease.createTableSql("godwit_lock"));
            s.execute("INSERT OR REPLACE INTO godwit_lock VALUES (1, 'someone-else', '" + host + "', " + pid + ", '"
                    + expires.minusSeconds(60) + "', '" + expires + "')");
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
    void anExpiredLeaseOfAnotherHostIsTakenOverAndTheTakeOverIsReported() throws Exception {
        plant("elsewhere", 4242, Instant.now().minusSeconds(5));
        try (SqliteLease lease = take(Duration.ZERO)) {
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
    void theLeaseOfAProcessThatIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        plant(SqliteLease.localHost(), p.pid(), Instant.now().plusSeconds(60));
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
