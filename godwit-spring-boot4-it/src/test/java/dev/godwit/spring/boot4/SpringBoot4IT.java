package dev.godwit.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import dev.godwit.spring.GodwitInfoContributor;
import dev.godwit.spring.GodwitMigrationInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The starter in real Spring Boot 4 application contexts: Boot 4 moved the DataSource and JDBC auto-configurations
 * to new modules and packages and the health API to spring-boot-health; the repository must still see the migrated
 * schema when it is created, and a failing migration must still stop startup with Godwit's message.
 */
class SpringBoot4IT {
    @TempDir
    Path dir;

    /** The application (no component scan: each test names its beans). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** A repository that reads the schema as soon as it is created. */
    @Repository
    static class Users {
        private final List<String> names;

        Users(JdbcTemplate jdbc) {
            this.names = jdbc.queryForList("SELECT name FROM users ORDER BY name", String.class);
        }

        /** @return the names read when the repository was created */
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

    private static ConfigurableApplicationContext start(String url, Path migrations, String... more) {
        List<String> properties = new java.util.ArrayList<>(List.of("spring.datasource.url=" + url,
                "godwit.locations=filesystem:" + migrations, "spring.main.banner-mode=off"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(App.class, Users.class).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    @Test
    void runsOnSpringBoot4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    }

    @Test
    void migratesSqliteBeforeTheRepositoryIsCreatedAndReportsHealthAndInfo() throws IOException {
        try (ConfigurableApplicationContext context = start("jdbc:sqlite:" + dir.resolve("app.db"),
                migrations(null))) {
            assertThat(context.getBean(Users.class).names()).containsExactly("ada");
            assertThat(context.getBeansOfType(GodwitMigrationInitializer.class)).hasSize(1);

            Health health = context.getBean("godwitHealthIndicator", GodwitHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("current", "1").containsEntry("pending", 0L);

            Info.Builder info = new Info.Builder();
            context.getBean(GodwitInfoContributor.class).contribute(info);
            assertThat(info.build().getDetails().get("godwit").toString()).contains("current=1");
        }
    }

    @Test
    void placeholdersAndBaselineOnMigrateWorkOnBoot4() throws IOException {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
        Files.writeString(flyway.resolve("V2__seed.sql"), "INSERT INTO users (id, name) VALUES (1, '${who}');\n");
        Path db = dir.resolve("legacy.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }

        try (ConfigurableApplicationContext context = start("jdbc:sqlite:" + db, flyway,
                "godwit.baseline-on-migrate=true", "godwit.placeholders.who=grace")) {
            assertThat(context.getBean(Users.class).names()).containsExactly("grace");
        }
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
                .satisfies(e -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        all.append(t.getMessage()).append('\n');
                    }
                    assertThat(all.toString()).contains("2_broken.sql");
                });
    }
}
