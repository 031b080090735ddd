package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other tools' folders, laid out as their tools document them, run unchanged on SQLite and give the schema that
 * {@code sqlite3} gives applying the same files in that tool's order.
 */
class FormatsCliIT {
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
    }

    private Cli.Result godwit(String... args) {
        return Cli.run(env, project.withDb(args));
    }

    private static final String V1 = """
            -- Flyway: several statements, a trigger, a placeholder
            CREATE TABLE ${prefix}users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                updated_at TEXT
            );
            CREATE TRIGGER ${prefix}users_touch AFTER UPDATE ON ${prefix}users
            BEGIN
                UPDATE ${prefix}users SET updated_at = 'now' WHERE id = NEW.id;
            END;
            INSERT INTO ${prefix}users (name) VALUES ('${owner}');
            """;
    private static final String V1_9 = "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);\n"
            + "CREATE INDEX posts_title ON posts (title);\n";
    private static final String V1_10 = "ALTER TABLE posts ADD COLUMN body TEXT; -- ${flyway:filename}\n";

    private void writeFlywayFolder() throws IOException {
        Files.writeString(dir.resolve("V1__create_users.sql"), V1);
        Files.writeString(dir.resolve("U1__create_users.sql"), "DROP TABLE ${prefix}users;\n");
        Files.writeString(dir.resolve("V1_9__posts.sql"), V1_9);
        Files.writeString(dir.resolve("U1_9__posts.sql"), "DROP TABLE posts;\n");
        Files.writeString(dir.resolve("V1_10__posts_body.sql"), V1_10);
        Files.writeString(dir.resolve("U1_10__posts_body.sql"), "ALTER TABLE posts DROP COLUMN body;\n");
        Files.writeString(dir.resolve("README.md"), "# not a migration\n");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.placeholders.owner=admin\n");
    }

    @Test
    void aFlywayFolderRunsUpDownAndUpAgainGivingTheSchemaSqlite3GivesInFlywaysOrder() throws Exception {
        writeFlywayFolder();
        String[] values = {"--placeholder", "prefix=app_", "--placeholder", "owner=admin"};

        Cli.Result status = godwit(concat(new String[] {"status"}, values));
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("format: flyway");
        Cli.Result up = godwit(concat(new String[] {"up"}, values));
        assertThat(up.exit()).as(up.toString()).isZero();
        List<String> afterUp = SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList();

        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, substitute(V1, "V1__create_users.sql"));
        sqlite3(raw, V1_9);
        sqlite3(raw, substitute(V1_10, "V1_10__posts_body.sql"));
        assertThat(afterUp).isEqualTo(SqliteDb.schema(raw));
        assertThat(SqliteDb.query(db, "SELECT name FROM app_users")).containsExactly("admin");

        Cli.Result down = godwit(concat(new String[] {"down", "--all"}, values));
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        Cli.Result again = godwit(concat(new String[] {"up"}, values));
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY rowid"))
                .containsExactly("1", "1.9", "1.10");
    }

    @Test
    void aPlaceholderWithoutAValueStopsWithExit2NamingFileLineAndPlaceholderBeforeTheDatabaseIsTouched()
            throws IOException {
        writeFlywayFolder();

        Cli.Result up = godwit("up", "--placeholder", "prefix=app_");

        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("V1__create_users.sql:11: placeholder '${owner}' has no value")
                .contains("--placeholder owner=VALUE").doesNotContain("undo file without");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void placeholdersComeFromTheConfigFileToo() throws IOException {
        writeFlywayFolder();
        Path config = Files.writeString(tmp.resolve("godwit.toml"), "[placeholders]\nprefix = \"app_\"\nowner = \"cfg\"\n");

        Cli.Result up = godwit("up", "--config", config.toString());

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT name FROM app_users")).containsExactly("cfg");
    }

    @Test
    void aForcedFormatThatDoesNotExplainTheFilesNamesThem() throws IOException {
        writeFlywayFolder();

        Cli.Result up = godwit("up", "--format", "goose");

        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("V1__create_users.sql: the name matches no migration format");
    }

    @Test
    void aGooseFolderRunsUpDownAndUpAgainGivingTheSchemaSqlite3Gives() throws Exception {
        String first = """
                -- +goose Up
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);
                -- +goose StatementBegin
                CREATE TRIGGER users_touch AFTER UPDATE ON users
                BEGIN
                    UPDATE users SET updated_at = 'now' WHERE id = NEW.id;
                END;
                -- +goose StatementEnd

                -- +goose Down
                DROP TABLE users;
                """;
        String second = """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE TABLE posts (id INTEGER PRIMARY KEY);
                VACUUM;

                -- +goose Down
                DROP TABLE posts;
                """;
        Files.writeString(dir.resolve("20240101000000_users.sql"), first);
        Files.writeString(dir.resolve("20240102000000_posts.sql"), second);

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, first.substring(0, first.indexOf("-- +goose Down")));
        sqlite3(raw, second.substring(0, second.indexOf("-- +goose Down")));
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));

        assertThat(godwit("down", "--all").exit()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));
    }

    private static final String INITIAL = """
            CREATE TABLE project (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                created_at DATETIME DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME DEFAULT CURRENT_TIMESTAMP);
            CREATE TRIGGER update_project_timestamp AFTER UPDATE ON project FOR EACH ROW
            BEGIN
                UPDATE project SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;
            END;
            CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL);
            CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL,
                updated_at DATETIME DEFAULT CURRENT_TIMESTAMP);
            INSERT INTO schema_version (id, version) VALUES (1, '1.0');
            """;
    private static final String NOTES_UP = """
            -- Add new fields to notes table
            ALTER TABLE notes ADD COLUMN source TEXT DEFAULT 'user';
            ALTER TABLE notes ADD COLUMN severity TEXT DEFAULT 'info';
            CREATE INDEX IF NOT EXISTS idx_notes_severity ON notes(severity);
            UPDATE schema_version SET version = '1.1', updated_at = CURRENT_TIMESTAMP WHERE id = 1;
            """;
    private static final String GIT_UP = """
            ALTER TABLE project ADD COLUMN last_known_git_hash TEXT;
            CREATE TABLE IF NOT EXISTS work_branches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                branch_name TEXT UNIQUE NOT NULL,
                created_at DATETIME DEFAULT CURRENT_TIMESTAMP
            );
            CREATE INDEX IF NOT EXISTS idx_work_branches_name ON work_branches(branch_name);
            UPDATE schema_version SET version = '1.1', updated_at = CURRENT_TIMESTAMP WHERE id = 1;
            """;

    @Test
    void aFolderOfVersionRangesRunsSameTargetFilesAsOneStepAndRollsThemBack() throws Exception {
        Files.createDirectories(dir.resolve("rollback"));
        Files.writeString(dir.resolve("v1.0_to_v1.1.sql"), NOTES_UP);
        Files.writeString(dir.resolve("v1.0_to_v1.1_git_integration.sql"), GIT_UP);
        Files.writeString(dir.resolve("rollback/v1.1_to_v1.0.sql"), """
                DROP INDEX IF EXISTS idx_notes_severity;
                ALTER TABLE notes DROP COLUMN severity;
                ALTER TABLE notes DROP COLUMN source;
                UPDATE schema_version SET version = '1.0', updated_at = CURRENT_TIMESTAMP WHERE id = 1;
                """);
        Files.writeString(dir.resolve("rollback/v1.1_to_v1.0_git_integration.sql"), """
                DROP TABLE IF EXISTS work_branches;
                ALTER TABLE project DROP COLUMN last_known_git_hash;
                UPDATE schema_version SET version = '1.0', updated_at = CURRENT_TIMESTAMP WHERE id = 1;
                """);
        Files.createDirectories(db.getParent());
        sqlite3(db, INITIAL);
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, INITIAL);
        List<String> initial = SqliteDb.schema(raw);
        sqlite3(raw, NOTES_UP);
        sqlite3(raw, GIT_UP);

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history")).containsExactly("1.1");
        assertThat(SqliteDb.query(db, "SELECT version FROM schema_version")).containsExactly("1.1");

        Cli.Result down = godwit("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(initial);
        assertThat(SqliteDb.query(db, "SELECT version FROM schema_version")).containsExactly("1.0");
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));
    }

    @Test
    void aPrefixedGolangMigrateFolderRunsUpDownAndUpAgain() throws IOException {
        Files.writeString(dir.resolve("V1.CreateUsers.up.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V1.CreateUsers.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("V2.CreatePosts.up.sql"), "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n"
                + "CREATE INDEX posts_id ON posts (id);\n");
        Files.writeString(dir.resolve("V2.CreatePosts.down.sql"), "DROP TABLE posts;\n");

        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "users");
        assertThat(godwit("down", "--all").exit()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("posts", "users");
    }

    private static final String R_VIEWS = """
            -- repeatable: dropped and created again whenever this file changes
            DROP VIEW IF EXISTS user_names;
            CREATE VIEW user_names AS SELECT name, '${flyway:user}' AS made_by FROM ${prefix}users;
            """;
    private static final String R_REPORTS = """
            DROP VIEW IF EXISTS post_count;
            CREATE VIEW post_count AS SELECT count(*) AS n FROM posts;
            """;

    @Test
    void flywayRepeatablesRunAfterTheVersionsWhenNewAreLeftAloneWhenUnchangedAndRunAgainWhenChanged()
            throws Exception {
        Files.writeString(dir.resolve("V1__create_users.sql"), V1);
        Files.writeString(dir.resolve("U1__create_users.sql"), "DROP TABLE ${prefix}users;\n");
        Files.writeString(dir.resolve("V2__posts.sql"), V1_9);
        Files.writeString(dir.resolve("U2__posts.sql"), "DROP TABLE posts;\n");
        Files.writeString(dir.resolve("R__views.sql"), R_VIEWS);
        Files.writeString(dir.resolve("R__reports.sql"), R_REPORTS);
        String[] values = {"--placeholder", "prefix=app_", "--placeholder", "owner=admin"};

        Cli.Result status = godwit(concat(new String[] {"status"}, values));
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("R__views +views \\(repeatable\\) +pending");
        Cli.Result dry = godwit(concat(new String[] {"up", "--dry-run"}, values));
        assertThat(dry.out()).contains("-- apply R__reports R__reports.sql (repeatable, new)");
        Cli.Result up = godwit(concat(new String[] {"up"}, values));
        assertThat(up.exit()).as(up.toString()).isZero();
        // versions first, then the repeatables in order of description
        assertThat(SqliteDb.query(db, "SELECT version || ' ' || kind FROM godwit_history ORDER BY rowid"))
                .containsExactly("1 sql", "2 sql", "R__reports repeatable", "R__views repeatable");
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, substitute(V1, "V1__create_users.sql"));
        sqlite3(raw, V1_9);
        sqlite3(raw, R_REPORTS);
        sqlite3(raw, R_VIEWS.replace("${prefix}", "app_").replace("${flyway:user}", ""));
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList())
                .isEqualTo(SqliteDb.schema(raw));

        Cli.Result unchanged = godwit(concat(new String[] {"up"}, values));
        assertThat(unchanged.exit()).as(unchanged.toString()).isZero();
        assertThat(unchanged.out()).contains("nothing to apply");

        String edited = R_VIEWS.replace("SELECT name,", "SELECT id, name,");
        Files.writeString(dir.resolve("R__views.sql"), edited);
        Cli.Result outdated = godwit(concat(new String[] {"status"}, values));
        assertThat(outdated.out()).containsPattern("R__views +views \\(repeatable\\) +outdated")
                .contains("pending: 1");
        assertThat(godwit(concat(new String[] {"validate"}, values)).exit()).isZero();
        Cli.Result again = godwit(concat(new String[] {"up"}, values));
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied 1 migration(s)");
        assertThat(SqliteDb.query(db, "SELECT note FROM godwit_history WHERE version = 'R__views'"))
                .singleElement().asString().startsWith("applied 2 times; the time before ");
        sqlite3(raw, edited.replace("${prefix}", "app_").replace("${flyway:user}", ""));
        List<String> expected = SqliteDb.schema(raw);
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);

        // down reverts the versions only: Flyway has no undo for repeatables, whose rows stay
        Cli.Result down = godwit(concat(new String[] {"down", "--all"}, values));
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY version"))
                .containsExactly("R__reports", "R__views");
        Cli.Result upAgain = godwit(concat(new String[] {"up"}, values));
        assertThat(upAgain.exit()).as(upAgain.toString()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);
    }

    @Test
    void aRepeatableMadeOnlyOfVacuumRunsWithoutATransactionAndIsAppliedAgainTheSameWay() throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id INTEGER);\n");
        Files.writeString(dir.resolve("R__compact.sql"), "VACUUM;\n");

        Cli.Result dry = godwit("up", "--dry-run");
        assertThat(dry.out()).as(dry.toString())
                .contains("-- apply R__compact R__compact.sql (repeatable, new) (no transaction)");
        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        Files.writeString(dir.resolve("R__compact.sql"), "-- compact the file after each run\nVACUUM;\n");
        Cli.Result again = godwit("up");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied 1 migration(s)");
        assertThat(SqliteDb.query(db, "SELECT success || ' ' || substr(note, 1, 15) FROM godwit_history "
                + "WHERE version = 'R__compact'")).containsExactly("1 applied 2 times");
        assertThat(godwit("up").out()).contains("nothing to apply");
    }

    private static final String GM_USERS = """
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, updated_at TEXT);
            CREATE TRIGGER users_touch AFTER UPDATE OF email ON users
            BEGIN
                UPDATE users SET updated_at = datetime('now') WHERE id = NEW.id;
            END;
            """;
    private static final String GM_POSTS = """
            CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), title TEXT);
            CREATE INDEX posts_user ON posts (user_id);
            """;

    private void writeGolangMigrateFolder() throws IOException {
        Files.writeString(dir.resolve("000001_create_users.up.sql"), GM_USERS);
        Files.writeString(dir.resolve("000001_create_users.down.sql"), "DROP TABLE users;\n");
        // as 'migrate create' leaves them: empty files, a migration that does nothing
        Files.writeString(dir.resolve("000002_placeholder.up.sql"), "");
        Files.writeString(dir.resolve("000002_placeholder.down.sql"), "");
        Files.writeString(dir.resolve("000003_create_posts.up.sql"), GM_POSTS);
        Files.writeString(dir.resolve("000003_create_posts.down.sql"), "-- reverts 3\nDROP TABLE posts;\n");
        Files.writeString(dir.resolve("000004_comment_only.up.sql"), "-- nothing to do here\n\n");
        Files.writeString(dir.resolve("000004_comment_only.down.sql"), "\n");
    }

    @Test
    void aGolangMigrateFolderRecordsItsBlankFilesAsMigrationsThatDoNothing() throws Exception {
        writeGolangMigrateFolder();

        Cli.Result up = godwit("up", "--format", "golang-migrate");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).doesNotContain("not written yet");
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY rowid"))
                .containsExactly("000001", "000002", "000003", "000004");
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, GM_USERS);
        sqlite3(raw, GM_POSTS);
        List<String> expected = SqliteDb.schema(raw);
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--format", "golang-migrate");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_history")).containsExactly("0");
        assertThat(godwit("up", "--format", "golang-migrate").exit()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);
    }

    @Test
    void aPairFolderToldAutomaticallyKeepsGodwitsRuleAndSaysHowToReadItAsGolangMigrate() throws Exception {
        writeGolangMigrateFolder();

        Cli.Result up = godwit("up");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("000002_placeholder.up.sql: not written yet")
                .contains("--format golang-migrate");
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY rowid"))
                .containsExactly("000001", "000003");
    }

    // Diesel orders versions as strings: the 18-digit 2022… before the 14-digit 2023…, and 2024-03-13_… (version
    // 20240313) after both; numerically 20240313 would run first (its trigger needs posts) and the 18-digit last
    private static final String D_USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
    private static final String D_POSTS = """
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id),
                title TEXT NOT NULL,
                published BOOLEAN NOT NULL DEFAULT 0
            );
            CREATE INDEX posts_user_id ON posts (user_id);
            """;
    private static final String D_TRIGGER = """
            CREATE TABLE post_log (post_id INTEGER, at TEXT);
            CREATE TRIGGER posts_log AFTER INSERT ON posts
            BEGIN
                INSERT INTO post_log VALUES (NEW.id, datetime('now'));
            END;
            """;

    private void writeDieselFolder() throws IOException {
        diesel("202212310000000000_create_users", D_USERS, "DROP TABLE users;\n");
        diesel("2023-01-01-000000_create_posts", D_POSTS, "DROP TABLE posts;\n");
        diesel("2024-03-13_170000_log_posts", D_TRIGGER, "DROP TRIGGER posts_log;\nDROP TABLE post_log;\n");
        diesel("2024-03-14-000000_nothing_yet", "", "-- This file should undo anything in `up.sql`\n");
    }

    private void diesel(String folder, String up, String down) throws IOException {
        Path f = Files.createDirectories(dir.resolve(folder));
        Files.writeString(f.resolve("up.sql"), up);
        Files.writeString(f.resolve("down.sql"), down);
    }

    @Test
    void aDieselFolderRunsInDieselsStringOrderWithBlankFilesAsNoOpsDownAndUpAgain() throws Exception {
        writeDieselFolder();

        Cli.Result status = godwit("status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("format: diesel");
        assertThat(status.out().indexOf("202212310000000000")).isLessThan(status.out().indexOf("20230101000000"));
        assertThat(status.out().indexOf("20230101000000")).isLessThan(status.out().indexOf("20240313 "));
        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY rowid"))
                .containsExactly("202212310000000000", "20230101000000", "20240313", "20240314000000");
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, D_USERS);
        sqlite3(raw, D_POSTS);
        sqlite3(raw, D_TRIGGER);
        List<String> expected = SqliteDb.schema(raw);
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);

        Cli.Result one = godwit("down");
        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT version FROM godwit_history ORDER BY rowid"))
                .containsExactly("202212310000000000", "20230101000000", "20240313");
        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        Cli.Result again = godwit("up");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);
    }

    private static final String DBMATE_USERS = """
            -- migrate:up
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
            CREATE UNIQUE INDEX users_email ON users (email);
            CREATE TRIGGER users_lower AFTER INSERT ON users
            BEGIN
                UPDATE users SET email = lower(NEW.email) WHERE id = NEW.id;
            END;

            -- migrate:down
            DROP TABLE users;
            """;
    private static final String DBMATE_VACUUM = """
            -- migrate:up transaction:false
            VACUUM;

            -- migrate:down transaction:false
            VACUUM;
            """;

    @Test
    void aDbmateFolderWithTransactionFalseRunsUpDownAndUpAgain() throws Exception {
        Files.writeString(dir.resolve("20240101000000_create_users.sql"), DBMATE_USERS);
        Files.writeString(dir.resolve("20240102000000_vacuum.sql"), DBMATE_VACUUM);

        Cli.Result up = godwit("up", "--format", "dbmate");
        assertThat(up.exit()).as(up.toString()).isZero();
        Path raw = tmp.resolve("raw.db");
        sqlite3(raw, DBMATE_USERS.substring(0, DBMATE_USERS.indexOf("-- migrate:down")));
        List<String> expected = SqliteDb.schema(raw);
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
        assertThat(godwit("up").exit()).isZero();
        assertThat(SqliteDb.schema(db).stream().filter(FormatsCliIT::notGodwits).toList()).isEqualTo(expected);
    }

    private static boolean notGodwits(String row) {
        return !row.contains("godwit_");
    }

    private static String substitute(String text, String file) {
        return text.replace("${prefix}", "app_").replace("${owner}", "admin").replace("${flyway:filename}", file);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void sqlite3(Path db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", "-bail", db.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
