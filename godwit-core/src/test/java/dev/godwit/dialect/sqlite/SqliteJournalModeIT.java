package dev.godwit.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.Backups;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An explicit journal mode applies to existing files too; the default only to files Godwit creates. */
class SqliteJournalModeIT {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void existingFileInRollbackJournalMode() throws IOException, SQLException {
        db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.execute("CREATE TABLE existing (id INTEGER)");
        }
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve("1_a.sql"), "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
    }

    private GodwitConfig.Builder config() {
        return GodwitConfig.builder().url("sqlite:" + db).migrations(dir.resolve("db")).backups(Backups.OFF);
    }

    @Test
    void anExplicitJournalModeSwitchesAnExistingFile() throws SQLException {
        Godwit.create(config().journalMode("wal").build()).up();

        assertThat(journalMode()).isEqualTo("wal");
    }

    @Test
    void theDefaultLeavesAnExistingFilesJournalModeAlone() throws SQLException {
        Godwit.create(config().build()).up();

        assertThat(journalMode()).isEqualTo("delete");
    }

    private String journalMode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
