package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite loadable extensions through the CLI: a real extension, compiled here with gcc against sqlite3ext.h (CI
 * installs gcc and libsqlite3-dev), provides {@code halve(x)}, which a migration uses in a CHECK constraint and an
 * INSERT.
 */
class SqliteExtensionCliIT {
    private static final String SOURCE = """
            #include <sqlite3ext.h>
            SQLITE_EXTENSION_INIT1

            static void halve(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
              if (sqlite3_value_type(argv[0]) == SQLITE_NULL) { sqlite3_result_null(ctx); return; }
              sqlite3_result_double(ctx, sqlite3_value_double(argv[0]) / 2.0);
            }

            int sqlite3_halfext_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
              SQLITE_EXTENSION_INIT2(api);
              return sqlite3_create_function(db, "halve", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, halve, 0, 0);
            }
            """;

    @TempDir
    Path tmp;
    CliProject project;
    Path extension;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        project = new CliProject(tmp);
        extension = compile(tmp.resolve("ext"));
        project.write("1_prices.sql", """
                -- migrate:up
                CREATE TABLE prices (full_price REAL NOT NULL, half_price REAL NOT NULL
                    CHECK (half_price = halve(full_price)));
                INSERT INTO prices VALUES (10, halve(10));
                -- migrate:down
                DROP TABLE prices;
                """);
    }

    /** Builds halfext.so with gcc; a machine without gcc or sqlite3ext.h fails the test (CI installs both). */
    private static Path compile(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path c = folder.resolve("halfext.c");
        Files.writeString(c, SOURCE);
        Path so = folder.resolve("halfext.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", so.toString(), c.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc (needs gcc and libsqlite3-dev): " + output).isZero();
        return so;
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(project.env, project.withDb(args));
    }

    @Test
    void aMigrationUsesAFunctionFromAnExtensionLoadedWithLoadExtension() {
        Cli.Result r = godwit("--load-extension", extension.toString(), "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(project.db, "SELECT full_price, half_price FROM prices"))
                .containsExactly("10.0|5.0");
        assertThat(SqliteDb.history(project.db)).contains("1|1");

        Cli.Result down = godwit("--load-extension", extension.toString(), "down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(project.db)).doesNotContain("prices");
    }

    @Test
    void godwitTomlLoadsTheExtensionWithAPathRelativeToTheFile() throws IOException {
        Path projectFolder = Files.createDirectories(tmp.resolve("app"));
        Files.move(extension.getParent(), projectFolder.resolve("ext"));
        Files.writeString(projectFolder.resolve("godwit.toml"), "url = \"sqlite:" + project.db + "\"\n"
                + "dir = \"" + project.dir + "\"\n" + "load-extension = [\"ext/halfext.so\"]\n");

        Cli.Result r = Cli.runIn(projectFolder, project.env, "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.query(project.db, "SELECT half_price FROM prices")).containsExactly("5.0");
    }

    @Test
    void withoutTheExtensionTheFailureNamesTheFunctionAndBothRemedies() {
        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("1_prices.sql").contains("no such function: halve")
                .contains("halve() is not built into SQLite").contains("--load-extension PATH")
                .contains("sqliteFunction(\"halve\"");
        assertThat(SqliteDb.tables(project.db)).doesNotContain("prices");
    }

    @Test
    void anExtensionThatDoesNotExistIsRefusedBeforeTheDatabaseIsCreated() {
        Cli.Result r = godwit("--load-extension", tmp.resolve("ext/vec0.so").toString(), "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("vec0.so").contains("does not exist");
        assertThat(project.db).doesNotExist();
    }

    @Test
    void aFileThatIsNotAnExtensionIsRefusedBeforeAnyChange() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("ext/notes.so"), "not a shared library");

        Cli.Result r = godwit("--load-extension", bogus.toString(), "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("cannot load SQLite extension").contains("notes.so");
        assertThat(List.of(SqliteDb.tables(project.db).toArray())).doesNotContain("prices", "godwit_history");
    }
}
