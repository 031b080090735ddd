package dev.godwit.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming, ordering, pruning and restoring of backups of a real SQLite file. */
class SqliteBackupsIT {
    @TempDir
    Path tmp;

    private static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T00:45:01.700Z"), ZoneOffset.UTC);

    private Path database(int rows) throws Exception {
        Path db = tmp.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (a)");
            s.execute("DELETE FROM t");
            for (int i = 0; i < rows; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ")");
            }
        }
        return db;
    }

    private static int rows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void backupsAreNamedWithTheUtcSecondAndNumberedWithinOneSecond() throws Exception {
        SqliteBackups backups = new SqliteBackups(database(1), NOV_22, Duration.ofSeconds(5));

        Path first = backups.take();
        Path second = backups.take();
        Path third = backups.take();

        assertThat(first.getFileName()).hasToString("app.db.20261122T004501Z.bak");
        assertThat(second.getFileName()).hasToString("app.db.20261122T004501Z-2.bak");
        assertThat(third.getFileName()).hasToString("app.db.20261122T004501Z-3.bak");
        assertThat(backups.list()).containsExactly(third, second, first);
        assertThat(backups.latest()).contains(third);
    }

    @Test
    void aBackupTakenAfterPruningInTheSameSecondIsStillTheNewest() throws Exception {
        SqliteBackups backups = new SqliteBackups(database(1), NOV_22, Duration.ofSeconds(5));
        backups.take();
        backups.take();
        Path third = backups.take();
        backups.prune(1);
        assertThat(backups.list()).containsExactly(third);

        Path fourth = backups.take();
        backups.prune(1);

        assertThat(fourth.getFileName()).hasToString("app.db.20261122T004501Z-4.bak");
        assertThat(backups.list()).containsExactly(fourth);
    }

    @Test
    void pruningKeepsTheNewestAndLeavesOtherFilesAlone() throws Exception {
        Path db = database(1);
        Files.writeString(tmp.resolve("app.db.notes.bak"), "mine");
        Files.writeString(tmp.resolve("other.db.20200101T000000Z.bak"), "not ours");
        SqliteBackups older = new SqliteBackups(db, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC), Duration.ofSeconds(5));
        Path old = older.take();
        SqliteBackups backups = new SqliteBackups(db, NOV_22, Duration.ofSeconds(5));
        Path a = backups.take();
        Path b = backups.take();
        Path before = backups.takeBeforeRestore();

        assertThat(backups.prune(2)).containsExactly(old);

        assertThat(backups.list()).containsExactly(b, a);
        assertThat(tmp.resolve("app.db.notes.bak")).exists();
        assertThat(tmp.resolve("other.db.20200101T000000Z.bak")).exists();
        assertThat(before).exists();
        assertThat(before.getFileName().toString()).endsWith(".before-restore.bak");
    }

    @Test
    void restorePutsTheContentBackAndRefusesFilesThatAreNotDatabases() throws Exception {
        Path db = database(3);
        SqliteBackups backups = new SqliteBackups(db, NOV_22, Duration.ofSeconds(5));
        Path backup = backups.take();
        database(7);

        backups.restore(backup);
        assertThat(rows(db)).isEqualTo(3);

        Path junk = Files.writeString(tmp.resolve("junk.bak"), "nope");
        assertThatThrownBy(() -> backups.restore(junk)).isInstanceOf(GodwitException.class)
                .hasMessageContaining("is not a SQLite database")
                .extracting(e -> ((GodwitException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(rows(db)).isEqualTo(3);
    }

    @Test
    void aDatabaseThatIsMissingOrEmptyIsNotBackedUp() throws Exception {
        SqliteBackups backups = new SqliteBackups(tmp.resolve("none.db"), NOV_22, Duration.ofSeconds(5));
        assertThat(backups.databaseExists()).isFalse();
        Files.createFile(tmp.resolve("none.db"));
        assertThat(backups.databaseExists()).isFalse();
        assertThat(backups.list()).isEmpty();
    }
}
