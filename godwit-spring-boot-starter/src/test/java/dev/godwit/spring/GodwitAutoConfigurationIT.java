package dev.godwit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A real Spring Boot application context: the repository sees the migrated schema when it is created. */
class GodwitAutoConfigurationIT {
    @TempDir
    Path dir;

    /** The application (no component scan: each test names the beans it adds). */
    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.EnableAutoConfiguration
    static class App {
    }

    /** A repository that reads the schema as soon as it exists. */
    @Repository
    static class Users {
        private final List<String> names;

        Users(JdbcTemplate jdbc) {
            this.names = jdbc.queryForList("SELECT name FROM users ORDER BY name", String.class);
        }

        /** @return the names read when the repository was created (a method: the bean is a proxy) */
        public List<String> names() {
            return names;
        }
    }

    private Path migrations(String second) throws IOException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.writeString(db.resolve("1_users.sql"), "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, "
                + "name TEXT);\nINSERT INTO users (id, name) VALUES (1, 'ada');\n");
        if (second != null) {
            Files.writeString(db.resolve("2_broken.sql"), "-- migrate:up\n" + second + "\n");
        }
        return db;
    }

    private ConfigurableApplicationContext start(String url, Path migrations) {
        return new SpringApplicationBuilder(App.class, Users.class).web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + url, "godwit.locations=filesystem:" + migrations,
                        "spring.main.banner-mode=off")
                .run();
    }

    /** An application without the repository, on a SQLite file, with {@code properties} added. */
    private ConfigurableApplicationContext startWith(Path db, String... properties) {
        List<String> all = new java.util.ArrayList<>(List.of("spring.datasource.url=jdbc:sqlite:" + db,
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    private Path folder(String name, String... files) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(folder.resolve(files[i]), files[i + 1]);
        }
        return folder;
    }

    private static List<String> query(Path db, String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    private static final String USERS = "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n";
    private static final String POSTS = "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n";
    private static final String TAGS = "-- migrate:up\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n";

    @Test
    void placeholdersReachFlywayMigrations() throws IOException {
        Path flyway = folder("flyway", "V1__users.sql", "CREATE TABLE ${prefix}users (id INTEGER PRIMARY KEY);\n");
        Path db = dir.resolve("placeholders.db");

        startWith(db, "godwit.locations=filesystem:" + flyway, "godwit.placeholders.prefix=app_").close();

        assertThat(query(db, "SELECT name FROM sqlite_master WHERE name = 'app_users'")).containsExactly("app_users");
    }

    @Test
    void aVersionTableAdoptsTheDatabaseAndIsKeptAtTheNewestVersion() throws IOException {
        Path db = dir.resolve("ranges.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "version TEXT NOT NULL, updated_at TEXT)");
            c.createStatement().execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
            c.createStatement().execute("INSERT INTO schema_version VALUES (1, '1.1', '2025-10-23 08:00:00')");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Path migrations = folder("ranges", "v1.0_to_v1.1.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n",
                "v1.1_to_v1.2.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");

        startWith(db, "godwit.locations=filesystem:" + migrations, "godwit.version-table=schema_version").close();

        assertThat(query(db, "SELECT version FROM schema_version")).containsExactly("1.2");
        assertThat(query(db, "SELECT version FROM godwit_history ORDER BY version")).containsExactly("1.1", "1.2");
        assertThat(query(db, "SELECT name FROM sqlite_master WHERE name = 'posts'")).containsExactly("posts");
    }

    @Test
    void baselineOnMigrateAdoptsADatabaseWithTablesAndAppliesOnlyWhatFollows() throws IOException {
        Path db = dir.resolve("legacy.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
            c.createStatement().execute("CREATE TABLE posts (id INTEGER PRIMARY KEY)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Path migrations = folder("legacy", "1_users.sql", USERS, "2_posts.sql", POSTS, "3_tags.sql", TAGS);

        assertThatThrownBy(() -> startWith(db, "godwit.locations=filesystem:" + migrations).close())
                .satisfies(e -> assertThat(rootMessage(e)).contains("1_users.sql").contains("already exists"));

        startWith(db, "godwit.locations=filesystem:" + migrations, "godwit.baseline-on-migrate=true",
                "godwit.baseline-version=2").close();

        assertThat(query(db, "SELECT version || ' ' || kind FROM godwit_history ORDER BY version"))
                .containsExactly("2 baseline", "3 sql");
    }

    @Test
    void baselineOnMigrateLeavesAnEmptyDatabaseToTheMigrations() throws IOException {
        Path db = dir.resolve("empty.db");
        Path migrations = folder("fresh", "1_users.sql", USERS, "2_posts.sql", POSTS);

        startWith(db, "godwit.locations=filesystem:" + migrations, "godwit.baseline-on-migrate=true").close();

        assertThat(query(db, "SELECT version || ' ' || kind FROM godwit_history ORDER BY version"))
                .containsExactly("1 sql", "2 sql");
    }

    @Test
    void validateOnMigrateStopsStartupWhenAnAppliedFileIsGoneAndFalseToleratesIt() throws IOException {
        Path db = dir.resolve("validate.db");
        Path migrations = folder("validate", "1_users.sql", USERS, "2_posts.sql", POSTS);
        startWith(db, "godwit.locations=filesystem:" + migrations).close();
        Files.delete(migrations.resolve("1_users.sql"));
        Files.writeString(migrations.resolve("3_tags.sql"), TAGS);

        assertThatThrownBy(() -> startWith(db, "godwit.locations=filesystem:" + migrations).close())
                .satisfies(e -> assertThat(rootMessage(e)).contains("validation failed before migrating")
                        .contains("1 (1_users.sql): missing"));
        assertThat(query(db, "SELECT count(*) FROM godwit_history")).containsExactly("2");

        startWith(db, "godwit.locations=filesystem:" + migrations, "godwit.validate-on-migrate=false").close();

        assertThat(query(db, "SELECT version FROM godwit_history ORDER BY version")).containsExactly("1", "2", "3");
    }

    @Test
    void outOfOrderAppliesAMigrationOlderThanTheNewestApplied() throws IOException {
        Path db = dir.resolve("order.db");
        Path migrations = folder("order", "1_users.sql", USERS, "3_tags.sql", TAGS);
        startWith(db, "godwit.locations=filesystem:" + migrations).close();
        Files.writeString(migrations.resolve("2_posts.sql"), POSTS);

        assertThatThrownBy(() -> startWith(db, "godwit.locations=filesystem:" + migrations).close())
                .satisfies(e -> assertThat(rootMessage(e)).contains("2_posts.sql"));

        startWith(db, "godwit.locations=filesystem:" + migrations, "godwit.out-of-order=true").close();

        assertThat(query(db, "SELECT version FROM godwit_history ORDER BY version")).containsExactly("1", "2", "3");
    }

    @Test
    void tableAndSeveralLocationsAreHonoured() throws IOException {
        Path db = dir.resolve("locations.db");
        Path first = folder("first", "1_users.sql", USERS);
        Path second = folder("second", "2_posts.sql", POSTS);

        startWith(db, "godwit.locations=filesystem:" + first + ",classpath:dev/godwit/spring/more," + second,
                "godwit.table=app_history").close();

        assertThat(query(db, "SELECT version FROM app_history ORDER BY version")).containsExactly("1", "2", "5");
        assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'godwit_history'"))
                .containsExactly("0");
        assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'from_classpath'"))
                .containsExactly("1");
    }

    @Test
    void enabledFalseLeavesTheDatabaseAlone() throws IOException {
        Path db = dir.resolve("off.db");
        Path migrations = folder("off", "1_users.sql", USERS);

        try (ConfigurableApplicationContext context = startWith(db, "godwit.locations=filesystem:" + migrations,
                "godwit.enabled=false")) {
            assertThat(context.getBeansOfType(GodwitMigrationInitializer.class)).isEmpty();
        }

        assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'godwit_history')"))
                .containsExactly("0");
    }

    @Test
    void healthIsUpAtTheCurrentVersionAfterMigrating() throws IOException {
        Path db = dir.resolve("health.db");
        Path migrations = folder("health", "1_users.sql", USERS, "2_posts.sql", POSTS);

        try (ConfigurableApplicationContext context = startWith(db, "godwit.locations=filesystem:" + migrations)) {
            org.springframework.boot.actuate.health.Health health =
                    context.getBean("godwitHealthIndicator", GodwitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
            assertThat(health.getDetails()).containsEntry("current", "2").containsEntry("pending", 0L);
        }
    }

    /** A strategy that only validates: migrations stay pending. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ValidateOnly {
        @org.springframework.context.annotation.Bean
        GodwitMigrationStrategy validateOnly() {
            return dev.godwit.Godwit::validate;
        }
    }

    @Test
    void healthIsDownSayingWhyWhenMigrationsArePending() throws IOException {
        Path db = dir.resolve("pending.db");
        Path migrations = folder("pending", "1_users.sql", USERS, "2_posts.sql", POSTS);

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, ValidateOnly.class)
                .web(WebApplicationType.NONE).properties("spring.datasource.url=jdbc:sqlite:" + db,
                        "spring.main.banner-mode=off", "godwit.locations=filesystem:" + migrations).run()) {
            org.springframework.boot.actuate.health.Health health =
                    context.getBean("godwitHealthIndicator", GodwitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
            assertThat(health.getDetails()).containsEntry("current", "none").containsEntry("pending", 2L)
                    .containsEntry("reason", "2 migration(s) pending");
        }
    }

    @Test
    void migratesSqliteBeforeTheRepositoryIsCreated() throws IOException {
        try (ConfigurableApplicationContext context = start("jdbc:sqlite:" + dir.resolve("app.db"),
                migrations(null))) {
            assertThat(context.getBean(Users.class).names()).containsExactly("ada");
            org.springframework.boot.actuate.info.Info.Builder info =
                    new org.springframework.boot.actuate.info.Info.Builder();
            context.getBean(GodwitInfoContributor.class).contribute(info);
            assertThat(info.build().getDetails().get("godwit").toString()).contains("current=1").contains("pending=0");
        }
    }

    @Test
    void schemaPutsTheHistoryTableAndMigrationsIntoThatPostgresSchema() throws IOException {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            db.execute("CREATE SCHEMA app");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.NONE).properties("spring.datasource.url=" + jdbc(db),
                            "spring.main.banner-mode=off", "godwit.locations=filesystem:" + migrations(null),
                            "godwit.schema=app").run()) {
                assertThat(db.tableExists("app", "godwit_history")).isTrue();
                assertThat(db.tableExists("app", "users")).isTrue();
                assertThat(db.tableExists("public", "godwit_history")).isFalse();
            }
        }
    }

    private static String jdbc(PostgresTestDatabase db) {
        return "jdbc:postgresql://" + db.url().substring(db.url().indexOf('@') + 1)
                + "?user=" + db.url().substring("postgres://".length(), db.url().indexOf(':', 11))
                + (db.password() == null ? "" : "&password=" + db.password());
    }

    @Test
    void migratesPostgresBeforeTheRepositoryIsCreated() throws IOException {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            String jdbc = "jdbc:postgresql://" + db.url().substring(db.url().indexOf('@') + 1)
                    + "?user=" + db.url().substring("postgres://".length(), db.url().indexOf(':', 11))
                    + (db.password() == null ? "" : "&password=" + db.password());
            try (ConfigurableApplicationContext context = start(jdbc, migrations(null))) {
                assertThat(context.getBean(Users.class).names()).containsExactly("ada");
                assertThat(db.scalar("SELECT count(*) FROM godwit_history")).isEqualTo("1");
            }
        }
    }

    @Test
    void aFailingMigrationStopsStartupWithGodwitsMessage() throws IOException {
        Path migrations = migrations("CREATE TABLE broken (id INTEGER REFERENCES nowhere(id), x NOT_A_TYPE(;");

        assertThatThrownBy(() -> start("jdbc:sqlite:" + dir.resolve("bad.db"), migrations).close())
                .hasRootCauseInstanceOf(Exception.class)
                .satisfies(e -> assertThat(rootMessage(e)).contains("2_broken.sql"));
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
