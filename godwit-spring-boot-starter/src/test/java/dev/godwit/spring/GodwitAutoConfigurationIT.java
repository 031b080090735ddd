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
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A real Spring Boot application context: the repository sees the migrated schema when it is created. */
class GodwitAutoConfigurationIT {
    @TempDir
    Path dir;

    /** The application. */
    @SpringBootApplication
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
