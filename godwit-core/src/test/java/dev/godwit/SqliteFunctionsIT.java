package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's own SQLite functions, registered in Java, as migrations see them. */
class SqliteFunctionsIT {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void writeMigrations() throws IOException {
        db = dir.resolve("app.db");
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve("1_tags.sql"), """
                -- migrate:up
                CREATE TABLE tags (name TEXT NOT NULL, slug TEXT NOT NULL CHECK (slug = slugify(name)));
                INSERT INTO tags (name, slug) VALUES ('Hello World', slugify('Hello World'));
                INSERT INTO tags (name, slug) SELECT 'Second Tag', slugify('Second Tag');
                -- migrate:down
                DROP TABLE tags;
                """);
    }

    private static Object slugify(List<Object> args) {
        String separator = args.size() > 1 ? (String) args.get(1) : "-";
        return args.get(0) == null ? null
                : args.get(0).toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", separator);
    }

    @Test
    void aMigrationCallsAFunctionTheApplicationRegisteredInJava() throws SQLException {
        Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:" + db).migrations(dir.resolve("db"))
                .backups(Backups.OFF).sqliteFunction("slugify", -1, SqliteFunctionsIT::slugify).build());

        RunResult run = godwit.up();

        assertThat(run.steps()).hasSize(1);
        assertThat(query("SELECT slug FROM tags ORDER BY rowid")).containsExactly("hello-world", "second-tag");
        assertThat(query("SELECT version FROM godwit_history WHERE success = 1")).containsExactly("1");
    }

    @Test
    void registersTheFunctionOnTheApplicationsOwnConnectionToo() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Godwit.create(GodwitConfig.builder().connection(c).migrations(dir.resolve("db"))
                    .sqliteFunction("slugify", -1, SqliteFunctionsIT::slugify).build()).up();

            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM tags")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aFunctionThatThrowsFailsItsMigrationWithTheMessage() {
        Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:" + db).migrations(dir.resolve("db"))
                .backups(Backups.OFF).sqliteFunction("slugify", -1, args -> {
                    throw new IllegalStateException("slug service unavailable");
                }).build());

        assertThatThrownBy(godwit::up).isInstanceOf(GodwitException.class)
                .hasMessageContaining("1_tags.sql").hasMessageContaining("slug service unavailable");
        assertThat(query("SELECT count(*) FROM sqlite_master WHERE name = 'tags'")).containsExactly("0");
    }

    @Test
    void withoutTheFunctionTheFailureNamesItAndBothRemedies() {
        Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:" + db).migrations(dir.resolve("db"))
                .backups(Backups.OFF).build());

        assertThatThrownBy(godwit::up).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.getMessage()).contains("1_tags.sql").contains("no such function: slugify");
            assertThat(e.hint()).contains("slugify()").contains("--load-extension")
                    .contains("sqliteFunction(\"slugify\"");
        });
        assertThat(query("SELECT count(*) FROM sqlite_master WHERE name = 'tags'")).containsExactly("0");
    }

    @Test
    void anExtensionFileThatDoesNotExistIsRefusedBeforeAnythingIsOpened() {
        assertThatThrownBy(() -> GodwitConfig.builder().url("sqlite:" + db).migrations(dir.resolve("db"))
                .sqliteExtension(dir.resolve("missing/vec0.so")).build())
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("vec0.so").contains("does not exist");
                });
        assertThat(db).doesNotExist();
    }

    @Test
    void functionNamesMustBeIdentifiers() {
        assertThatThrownBy(() -> GodwitConfig.builder().sqliteFunction("drop table x", 1, a -> null))
                .isInstanceOf(GodwitException.class).hasMessageContaining("not a plain identifier");
    }

    private List<String> query(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
