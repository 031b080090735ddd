package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.postgres.PostgresTestDatabase;
import dev.godwit.execute.UpToDate;
import dev.godwit.plan.PlanRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A run with nothing to do answered from what the last run kept ({@link UpToDate}): it answers only while the files,
 * the history rows and the request are the ones of then, and says what planning in full would say.
 */
class UpToDateIT {
    @TempDir
    Path dir;
    Path db;
    Path file;
    final List<String> warnings = new ArrayList<>();
    final List<GodwitEvent> events = new ArrayList<>();

    @BeforeEach
    void writeMigrations() throws IOException {
        db = Files.createDirectories(dir.resolve("db"));
        file = dir.resolve("app.db");
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n");
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(db.resolve(name), text);
    }

    private Godwit godwit() {
        return Godwit.create(GodwitConfig.builder().url("sqlite:" + file).migrations(db).backups(Backups.OFF)
                .listener(new GodwitListener() {
                    @Override
                    public void on(GodwitEvent event) {
                        events.add(event);
                        GodwitListener.super.on(event);
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }).build());
    }

    /** Whether the run's files and history are those the database keeps an answer for. */
    private boolean answeredFromKept(Godwit godwit) {
        GodwitConfig config = GodwitConfig.builder().url("sqlite:" + file).migrations(db).build();
        UpToDate upToDate = UpToDate.of(config.migrationSources(), "sqlite", PlanRequest.Up.all());
        try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
            return upToDate.settled(session).isPresent();
        }
    }

    @Test
    void aRunThatAppliedMigrationsKeepsTheAnswerAndTheNextRunWithNothingToDoGivesItAsPlanningWould()
            throws SQLException {
        Godwit godwit = godwit();
        assertThat(godwit.up().steps()).hasSize(2);
        assertThat(rows("SELECT version FROM godwit_uptodate")).containsExactly("2");
        assertThat(answeredFromKept(godwit)).isTrue();

        events.clear();
        RunResult again = godwit.up();

        assertThat(again.steps()).isEmpty();
        assertThat(again.current()).hasToString("2");
        assertThat(again.plan().steps()).isEmpty();
        assertThat(events).singleElement().isInstanceOfSatisfying(GodwitEvent.RunStarted.class,
                started -> assertThat(started.steps()).isEmpty());
        assertThat(warnings).isEmpty();
    }

    @Test
    void anAppliedFileEditedAfterwardsIsStillRefused() throws IOException {
        godwit().up();
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");

        assertThat(answeredFromKept(godwit())).isFalse();
        assertThatThrownBy(() -> godwit().up()).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED)).hasMessageContaining("1_users.sql");
    }

    @Test
    void aNewFileIsAppliedAndAHistoryRowChangedByHandIsNoticed() throws Exception {
        godwit().up();
        write("3_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        assertThat(godwit().up().steps()).extracting(s -> s.version().toString()).containsExactly("3");
        assertThat(rows("SELECT version FROM godwit_uptodate")).containsExactly("3");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("UPDATE godwit_history SET checksum = 'sha256v2:00' WHERE version = '2'");
        }
        assertThat(answeredFromKept(godwit())).isFalse();
        assertThatThrownBy(() -> godwit().up()).isInstanceOf(GodwitException.class)
                .hasMessageContaining("2_posts.sql");
    }

    @Test
    void aChangeToAnyColumnOfHistoryThatAnUpReadsIsNoticed() throws SQLException {
        godwit().up();
        GodwitConfig config = GodwitConfig.builder().url("sqlite:" + file).migrations(db).build();
        for (String column : dev.godwit.dialect.HistoryTable.COLUMNS.split(",\\s*")) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                c.createStatement().execute("CREATE TEMP TABLE saved AS SELECT * FROM godwit_history");
                c.createStatement().execute("UPDATE godwit_history SET " + column + " = " + (column.equals("success")
                        || column.equals("execution_ms") ? "7" : "'changed'") + " WHERE version = '1'");
                boolean answered = answeredFromKept(godwit());
                c.createStatement().execute("DELETE FROM godwit_history");
                c.createStatement().execute("INSERT INTO godwit_history SELECT * FROM saved");
                // the down SQL is read by rollbacks only: an up's answer does not depend on it
                assertThat(answered).as(column).isEqualTo(column.equals("down_sql"));
            }
        }
        assertThat(answeredFromKept(godwit())).isTrue();
    }

    @Test
    void whatPlanningSaysIsSaidOnEveryRun() throws IOException {
        write("3_draft.sql", "-- migrate:up\n");
        write(".4_hidden.sql", "-- migrate:up\nSELECT 1;\n");
        godwit().up();
        int first = warnings.size();
        assertThat(first).isEqualTo(2);

        warnings.clear();
        godwit().up();

        assertThat(warnings).hasSize(first);
        assertThat(answeredFromKept(godwit())).isFalse();
    }

    @Test
    void theSchemaChangedOutsideMigrationsIsStillReported() throws SQLException {
        godwit().up();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE stray (id INTEGER)");
        }
        warnings.clear();

        assertThat(godwit().up().steps()).isEmpty();

        assertThat(warnings).singleElement().asString().contains("the schema changed outside migrations");
    }

    @Test
    void anApplicationsDataSourceGetsTheSameAnswer() throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        GodwitConfig config = GodwitConfig.builder().dataSource(dataSource).migrations(db).backups(Backups.OFF).build();
        assertThat(Godwit.create(config).up().steps()).hasSize(2);
        assertThat(rows("SELECT version FROM godwit_uptodate")).containsExactly("2");

        RunResult again = Godwit.create(config).up();

        assertThat(again.steps()).isEmpty();
        assertThat(again.current()).hasToString("2");
        try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
            assertThat(UpToDate.of(config.migrationSources(), "sqlite", PlanRequest.Up.all()).settled(session))
                    .isPresent();
        }
    }

    @Test
    void migrationsOnTheClassPathGetTheSameAnswer() throws Exception {
        Path root = Files.createDirectories(dir.resolve("classes/db/migration"));
        Files.copy(db.resolve("1_users.sql"), root.resolve("1_users.sql"));
        Files.copy(db.resolve("2_posts.sql"), root.resolve("2_posts.sql"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            GodwitConfig config = GodwitConfig.builder().url("sqlite:" + file).locations("classpath:db/migration")
                    .classLoader(loader).backups(Backups.OFF).build();
            assertThat(Godwit.create(config).up().steps()).hasSize(2);
            try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
                assertThat(UpToDate.of(config.migrationSources(), "sqlite", PlanRequest.Up.all()).settled(session))
                        .isPresent();
            }
            assertThat(Godwit.create(config).up().current()).hasToString("2");

            Files.writeString(root.resolve("1_users.sql"), "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
            try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
                assertThat(UpToDate.of(config.migrationSources(), "sqlite", PlanRequest.Up.all()).settled(session))
                        .isEmpty();
            }
            assertThatThrownBy(() -> Godwit.create(config).up()).isInstanceOf(GodwitException.class)
                    .hasMessageContaining("1_users.sql");
        }
    }

    @Test
    void onPostgresqlTooTheAnswerIsKeptAndAnEditedFileOrRowIsNoticed() throws IOException {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            GodwitConfig config = GodwitConfig.builder().url(pg.url()).migrations(db).build();
            assertThat(Godwit.create(config).up().steps()).hasSize(2);
            assertThat(pg.scalar("SELECT version FROM public.godwit_uptodate")).isEqualTo("2");
            UpToDate upToDate = UpToDate.of(config.migrationSources(), "postgresql", PlanRequest.Up.all());
            try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
                assertThat(upToDate.settled(session)).hasValueSatisfying(v -> assertThat(v).hasValueSatisfying(
                        version -> assertThat(version).hasToString("2")));
            }
            assertThat(Godwit.create(config).up().steps()).isEmpty();

            pg.execute("UPDATE public.godwit_history SET description = 'renamed' WHERE version = '1'");
            try (DatabaseSession session = Godwit.create(config).dialect().open(config)) {
                assertThat(UpToDate.of(config.migrationSources(), "postgresql", PlanRequest.Up.all())
                        .settled(session)).isEmpty();
            }
            pg.execute("UPDATE public.godwit_history SET description = 'users' WHERE version = '1'");
            write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);\n");
            assertThatThrownBy(() -> Godwit.create(config).up()).isInstanceOf(GodwitException.class)
                    .hasMessageContaining("2_posts.sql");
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
