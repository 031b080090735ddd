package dev.godwit.examples.cursor;

import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.RunResult;
import dev.godwit.source.JavaMigrations;
import java.nio.file.Path;
import org.sqlite.SQLiteDataSource;

/**
 * The service's startup: migrate the shared SQLite database (switched to WAL, existing files too) before serving.
 * Its schema is four Java migrations in {@code dev.godwit.examples.cursor.migrations} and one SQL migration in
 * {@code classpath:db/migration}, one history.
 */
public final class CursorExecutor {
    private CursorExecutor() {
    }

    /**
     * Migrates {@code database} to the newest schema.
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
        return godwit.up();
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
