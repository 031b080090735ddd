package dev.godwit.examples.cursor;

import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.RunResult;
import dev.godwit.source.JavaMigrations;
import dev.godwit.takeover.ForeignTool;
import dev.godwit.takeover.ImportRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The service's startup: migrate the shared SQLite database (switched to WAL, existing files too) before serving.
 * Its schema is four Java migrations in {@code dev.godwit.examples.cursor.migrations} and one SQL migration in
 * {@code classpath:db/migration}, one history. A database the Node runner (Umzug) migrated is taken over first: its
 * {@code schema_migrations(name, executed_at)} rows become Godwit's history, with their times, and only what the
 * Node runner had not applied runs.
 */
public final class CursorExecutor {
    private CursorExecutor() {
    }

    /**
     * Migrates {@code database} to the newest schema, taking over the Node runner's history first when Godwit has
     * none yet.
     *
     * @param database the SQLite file (created if missing)
     * @return what the run did
     */
    public static RunResult migrate(Path database) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
        ClassLoader loader = CursorExecutor.class.getClassLoader();
        Godwit godwit = Godwit.create(GodwitConfig.builder()
                .dataSource(dataSource)
                .journalMode("WAL")
                .table("schema_migrations_godwit")
                .classLoader(loader)
                .locations("classpath:db/migration")
                .source(JavaMigrations.inPackage("dev.godwit.examples.cursor.migrations", loader))
                .build());
        if (godwit.history().isEmpty() && hasNodeRunnerHistory(dataSource)) {
            godwit.importHistory(ImportRequest.from(ForeignTool.UMZUG));
        }
        return godwit.up();
    }

    /** Whether the Node runner's tracking table is there with rows. */
    private static boolean hasNodeRunnerHistory(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                     + "AND name = 'schema_migrations'")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                return false;
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
                return rows.next() && rows.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the Node runner's schema_migrations: " + e.getMessage(), e);
        }
    }

    /**
     * Migrates the file named by the first argument (default {@code shared.db}), then would start serving.
     *
     * @param args the database file
     */
    public static void main(String[] args) {
        Path database = Path.of(args.length > 0 ? args[0] : "shared.db");
        RunResult run = migrate(database);
        System.out.println("cursor-executor: " + run.steps().size() + " migration(s) applied, schema at "
                + run.current());
    }
}
