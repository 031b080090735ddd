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
                .containsExactly("git_credentials", "idx_tasks_status", "schema_migrations", "system_settings", "tasks",
                        "telegram_bots");
        assertThat(query(db, "SELECT kind FROM schema_migrations_godwit ORDER BY version"))
                .containsExactly("sql", "java", "java", "java", "java", "sql");
        assertThat(query(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(CursorExecutor.migrate(db).steps()).isEmpty();
    }

    @Test
    void startupTakesOverADatabaseTheNodeRunnerMigratedAndAppliesOnlyTheRest() throws SQLException {
        Path db = dir.resolve("node.db");
        nodeRunnerMigrated(db);

        CursorExecutor.main(new String[] {db.toString()});

        assertThat(query(db, "SELECT version || ' ' || kind || ' ' || applied_at FROM schema_migrations_godwit "
                + "WHERE note LIKE 'imported from umzug%' ORDER BY version")).containsExactly(
                "00000000000000 sql 2025-01-01T09:00:00Z", "20250101000001 java 2025-01-01T09:00:01Z",
                "20250101000002 java 2025-01-01T09:00:02Z", "20250101000003 java 2025-01-01T09:00:03Z");
        assertThat(query(db, "SELECT version FROM schema_migrations_godwit WHERE note IS NULL ORDER BY version"))
                .containsExactly("20250101000004", "20250101000005");
        assertThat(query(db, "SELECT count(*) FROM schema_migrations")).containsExactly("4");
        assertThat(CursorExecutor.migrate(db).steps()).isEmpty();
    }

    @Test
    void theCliImportsTheNodeRunnersHistoryThenAppliesTheRest() throws Exception {
        Path db = dir.resolve("node-cli.db");
        nodeRunnerMigrated(db);
        Path classes = Path.of("target/classes").toAbsolutePath();
        String[] common = {"--url", "sqlite:" + db, "--dir", classes.resolve("db/migration").toString(), "--classpath",
                classes.toString(), "--table", "schema_migrations_godwit"};

        Run imported = cli(concat(common, "import", "--from", "umzug"));
        Run up = cli(concat(common, "up"));

        assertThat(imported.exit).as(imported.err).isZero();
        assertThat(imported.out).contains("imported 4 migration(s) from umzug's schema_migrations");
        assertThat(up.exit).as(up.err).isZero();
        assertThat(up.out).contains("applied 2 migration(s)");
    }

    /** The database as the Node runner (Umzug) left it: four migrations applied and recorded in its table. */
    private static void nodeRunnerMigrated(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, executed_at TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS system_settings (key TEXT PRIMARY KEY, value TEXT, created_at TEXT "
                    + "NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            s.execute("CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, prompt TEXT NOT NULL, "
                    + "status INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                    + "updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, uuid TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS git_credentials (id INTEGER PRIMARY KEY)");
            String[] names = {"00000000000000_create_schema_migrations.ts", "20250101000001_create_system_settings.ts",
                    "20250101000002_create_tasks.ts", "20250101000003_create_git_credentials.ts"};
            for (int i = 0; i < names.length; i++) {
                s.execute("INSERT INTO schema_migrations VALUES ('" + names[i] + "', '2025-01-01T09:00:0" + i
                        + ".000Z')");
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
