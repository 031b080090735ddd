package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is refused before any change, with exit 2 and a message naming the file and line. The cases not
 * covered by {@link SqliteCliIT} (a file that is not UTF-8, an empty up section, a down beyond what exists and
 * out-of-order files are there).
 */
class BadInputCliIT {
    @TempDir
    Path tmp;
    CliProject project;
    Path dir;
    Path db;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        project = new CliProject(tmp);
        dir = project.dir;
        db = project.db;
        env = project.env;
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
                + "-- migrate:down\nDROP TABLE users;\n");
    }

    private void write(String name, String text) throws IOException {
        project.write(name, text);
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, project.withDb(args));
    }

    /** Applies 1, adds the bad file, and checks that up is refused naming it and that nothing changed. */
    private void refused(String file, String text, String expected) throws IOException {
        assertThat(godwit("up").exit()).isZero();
        List<String> schema = SqliteDb.schema(db);
        List<String> history = SqliteDb.query(db, "SELECT * FROM godwit_history");
        write(file, text);

        for (String cmd : new String[] {"up", "status", "validate"}) {
            Cli.Result r = godwit(cmd);
            assertThat(r.exit()).as(cmd + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(cmd).contains(expected);
        }
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
        assertThat(SqliteDb.query(db, "SELECT * FROM godwit_history")).isEqualTo(history);
    }

    @Test
    void anUnterminatedStringIsRefusedNamingFileAndLine() throws IOException {
        refused("2_seed.sql", "-- migrate:up\nINSERT INTO users VALUES (1, 'ann');\n"
                        + "INSERT INTO users VALUES (2, 'bob);\n-- migrate:down\nDELETE FROM users;\n",
                "2_seed.sql:3: unterminated string literal");
    }

    @Test
    void anUnterminatedQuotedIdentifierIsRefusedNamingFileAndLine() throws IOException {
        refused("2_rename.sql", "-- migrate:up\nALTER TABLE users\n  RENAME COLUMN name TO \"full name;\n",
                "2_rename.sql:3: unterminated quoted identifier");
    }

    @Test
    void aFileThatIsNotADatabaseExitsTwoForEveryCommandAndIsLeftAsItWas() throws IOException {
        Files.createDirectories(db.getParent());
        String text = "name,email\nann,ann@example.com\n".repeat(40);
        Files.writeString(db, text);

        for (String cmd : new String[] {"up", "status", "validate", "down", "baseline"}) {
            Cli.Result r = cmd.equals("baseline") ? godwit(cmd, "--version", "1", "--json") : godwit(cmd, "--json");
            assertThat(r.exit()).as(cmd + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(cmd).contains("is not a SQLite database").doesNotContain("reachable");
            assertThat(r.out()).as(cmd).contains("\"code\" : \"database_unusable\"");
        }
        assertThat(Files.readString(db)).isEqualTo(text);
        try (var files = Files.list(db.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.db");
        }
    }

    @Test
    void aReadOnlyDatabaseFileExitsTwoAndIsNotChanged() throws IOException {
        assertThat(godwit("up").exit()).isZero();
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        makeReadOnly(db);
        String before = project.fingerprint();

        Cli.Result r = godwit("up", "--no-backup");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("is read-only").contains("hint: make the file and its folder writable");
        assertThat(project.fingerprint()).isEqualTo(before);
        assertThat(SqliteDb.history(db)).containsExactly("1|1");
        assertThat(godwit("status").exit()).isZero();
    }

    /**
     * Marks the file as one SQLite may only read (a write version above 2 in its header, which SQLite honours even
     * for root, unlike file permissions).
     */
    private static void makeReadOnly(Path file) throws IOException {
        SqliteDb.exec(file, "PRAGMA journal_mode = DELETE");
        byte[] bytes = Files.readAllBytes(file);
        bytes[18] = 3;
        Files.write(file, bytes);
    }

    @Test
    void anUnreachablePostgresServerExitsTwo() {
        Cli.Result r = Cli.run(env, "--url", "postgres://app@127.0.0.1:1/shop", "--dir", dir.toString(), "status");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reach PostgreSQL at 127.0.0.1:1")
                .contains("hint: check that the server is running");
    }

    @Test
    void anUnknownUrlSchemeIsRefusedWithExitTwoAndCreatesNoFile() throws IOException {
        Cli.Result r = Cli.run(env, "--url", "sqlite3:s3.db", "--dir", dir.toString(), "up");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scheme 'sqlite3:'").contains("did you mean sqlite:s3.db?");
        assertThat(Files.exists(Path.of("sqlite3:s3.db"))).isFalse();

        Cli.Result mysql = Cli.run(env, "--url", "mysql://app@localhost/shop", "--dir", dir.toString(), "status");
        assertThat(mysql.exit()).as(mysql.toString()).isEqualTo(2);
        assertThat(mysql.err()).contains("unknown scheme 'mysql:'");
    }

    @Test
    void sqliteUrlParametersAreRefusedRatherThanIgnoredAndTheFileIsNotWritten() {
        assertThat(godwit("up").exit()).isZero();
        String before = project.fingerprint();
        project.write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");

        for (String params : new String[] {"?mode=ro", "?cache=shared", "?journal_mode=delete"}) {
            Cli.Result r = Cli.run(env, "--url", "sqlite:" + db + params, "--dir", dir.toString(), "up");
            assertThat(r.exit()).as(params + "\n" + r).isEqualTo(2);
            assertThat(r.err()).contains("SQLite URL parameters are not supported");
        }
        Cli.Result ro = Cli.run(env, "--url", "sqlite:" + db + "?mode=ro", "--dir", dir.toString(), "up");
        assertThat(ro.err()).contains("mode").contains("'godwit status'");
        assertThat(project.fingerprint()).isEqualTo(before);
        assertThat(SqliteDb.tables(db)).doesNotContain("posts");
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneStopsUpUnlessIgnored() throws IOException {
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        assertThat(godwit("up").exit()).isZero();
        Files.delete(dir.resolve("2_posts.sql"));
        write("3_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n");

        Cli.Result r = godwit("up");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("2_posts.sql: applied, but the file is gone").contains("--ignore-missing");
        assertThat(SqliteDb.tables(db)).doesNotContain("tags");

        Cli.Result ignored = godwit("up", "--ignore-missing");
        assertThat(ignored.exit()).as(ignored.toString()).isZero();
        assertThat(ignored.err()).contains("applied migration 2 (2_posts.sql) has no file; ignored");
        assertThat(SqliteDb.tables(db)).contains("tags");
    }

    @Test
    void aDownBeyondWhatExistsIsRefusedForEveryForm() {
        godwit("up");
        List<String> schema = SqliteDb.schema(db);
        Cli.Result steps = godwit("down", "--step", "2");
        assertThat(steps.exit()).isEqualTo(2);
        assertThat(steps.err()).contains("cannot roll back 2 migration(s): only 1");
        Cli.Result to = godwit("down", "--to", "7");
        assertThat(to.exit()).isEqualTo(2);
        assertThat(to.err()).contains("target version 7 is not applied");
        assertThat(SqliteDb.schema(db)).isEqualTo(schema);
    }
}
