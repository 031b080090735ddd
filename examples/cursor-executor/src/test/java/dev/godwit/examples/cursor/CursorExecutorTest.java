package dev.godwit.examples.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service migrates its WAL SQLite file at startup; the CLI does the same with --classpath. */
class CursorExecutorTest {
    @TempDir
    Path dir;

    @Test
    void startupMigratesAnExistingFileAndSwitchesItToWal() throws SQLException {
        Path db = dir.resolve("shared.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
        }

        CursorExecutor.main(new String[] {db.toString()});

        assertThat(query(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE "
                + "'sqlite_%' AND name NOT LIKE 'schema_migrations_godwit%' ORDER BY name"))
                .containsExactly("git_credentials", "idx_tasks_status", "system_settings", "tasks", "telegram_bots");
        assertThat(query(db, "SELECT kind FROM schema_migrations_godwit ORDER BY version"))
                .containsExactly("java", "java", "java", "java", "sql");
        assertThat(query(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(CursorExecutor.migrate(db).steps()).isEmpty();
    }

    @Test
    void theCliRunsTheSameMigrationsWithClasspath() throws Exception {
        Path db = dir.resolve("cli.db");
        Path classes = Path.of("target/classes").toAbsolutePath();
        Path sql = classes.resolve("db/migration");

        Run up = cli("up", "--url", "sqlite:" + db, "--dir", sql.toString(), "--classpath", classes.toString(),
                "--table", "schema_migrations_godwit", "--journal-mode", "wal");
        Run status = cli("status", "--url", "sqlite:" + db, "--dir", sql.toString(), "--classpath",
                classes.toString(), "--table", "schema_migrations_godwit");

        assertThat(up.exit).as(up.err).isZero();
        assertThat(status.exit).as(status.err).isZero();
        assertThat(status.out).contains("create telegram_bots (java)").contains("index tasks status");
        assertThat(query(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(Files.exists(db)).isTrue();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GodwitCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> query(Path db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
