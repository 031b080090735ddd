package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's and goose's folders on a real PostgreSQL server (functions with dollar quotes, triggers, placeholders,
 * several statements per file): up, down all, up again, and the {@code pg_dump} compared with {@code psql -f} applying
 * the same files in the tool's order.
 */
class PostgresFormatsCliIT {
    @TempDir
    Path tmp;
    Path dir;
    PostgresTestDatabase db;
    PostgresTestDatabase raw;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        db = PostgresTestDatabase.create();
        raw = PostgresTestDatabase.create();
    }

    @AfterEach
    void tearDown() {
        db.close();
        raw.close();
    }

    private Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", db.url(), "--dir", dir.toString()));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private static final String V1 = """
            CREATE TABLE ${flyway:defaultSchema}.users (
                id serial PRIMARY KEY,
                email text NOT NULL,
                updated_at timestamptz
            );
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now(); -- a semicolon inside the body
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE TABLE settings (name text PRIMARY KEY, value text);
            INSERT INTO settings VALUES ('owner', '${owner}');
            """;
    private static final String V1_1 = """
            CREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users (id), title text);
            CREATE INDEX posts_user ON posts (user_id);
            CREATE VIEW post_titles AS SELECT title FROM posts;
            """;

    @Test
    void aFlywayFolderGivesTheSchemaPsqlGivesAndGoesDownAndUpAgain() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), V1);
        Files.writeString(dir.resolve("U1__users.sql"), "DROP TABLE settings;\nDROP TABLE users;\nDROP FUNCTION touch();\n");
        Files.writeString(dir.resolve("V1_1__posts.sql"), V1_1);
        Files.writeString(dir.resolve("U1_1__posts.sql"), "DROP VIEW post_titles;\nDROP TABLE posts;\n");
        Files.writeString(dir.resolve("README.md"), "notes\n");

        Cli.Result up = godwit("up", "--placeholder", "owner=admin");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(raw.psql(Files.writeString(tmp.resolve("1.sql"),
                V1.replace("${flyway:defaultSchema}", "public").replace("${owner}", "admin"))).exitCode()).isZero();
        assertThat(raw.psql(Files.writeString(tmp.resolve("2.sql"), V1_1)).exitCode()).isZero();
        String expected = raw.dump();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock", "godwit_uptodate")).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--placeholder", "owner=admin");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up", "--placeholder", "owner=admin").exit()).isZero();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock", "godwit_uptodate")).isEqualTo(expected);
    }

    @Test
    void aFlywayMigrationOfConcurrentIndexesRunsWithoutATransactionAndAMixedOneIsRefusedNamingBothLines()
            throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id int, email text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'")).isEqualTo("1");

        Files.writeString(dir.resolve("V3__mixed.sql"), "CREATE TABLE tags (id int);\n"
                + "CREATE INDEX CONCURRENTLY tags_id ON tags (id);\n");
        Cli.Result mixed = godwit("up");
        assertThat(mixed.exit()).as(mixed.toString()).isEqualTo(2);
        assertThat(mixed.err()).contains("V3__mixed.sql:2: line 2 cannot run in a transaction, but line 1");
        assertThat(db.tableExists("public", "tags")).isFalse();
    }

    @Test
    void aGooseFolderWithStatementBlocksGivesTheSchemaPsqlGives() throws IOException {
        String first = """
                -- +goose Up
                CREATE TABLE users (id serial PRIMARY KEY, updated_at timestamptz);
                -- +goose StatementBegin
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := now();
                    RETURN NEW;
                END;
                $$;
                -- +goose StatementEnd
                CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();

                -- +goose Down
                DROP TABLE users;
                DROP FUNCTION touch();
                """;
        String second = """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY users_updated ON users (updated_at);

                -- +goose Down
                DROP INDEX CONCURRENTLY users_updated;
                """;
        Files.writeString(dir.resolve("20240101000000_users.sql"), first);
        Files.writeString(dir.resolve("20240102000000_index.sql"), second);

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(raw.psql(Files.writeString(tmp.resolve("1.sql"),
                first.substring(0, first.indexOf("-- +goose Down")))).exitCode()).isZero();
        assertThat(raw.psql(Files.writeString(tmp.resolve("2.sql"),
                second.substring(0, second.indexOf("-- +goose Down")))).exitCode()).isZero();
        String expected = raw.dump();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock", "godwit_uptodate")).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up").exit()).isZero();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock", "godwit_uptodate")).isEqualTo(expected);
    }

    private String applyRaw(String... files) throws IOException {
        int i = 0;
        for (String sql : files) {
            Path f = Files.writeString(tmp.resolve("raw-" + (i++) + ".sql"), sql);
            PostgresTestDatabase.ToolResult r = raw.psql(f);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        return raw.dump();
    }

    private String dump() {
        return db.dump("godwit_history", "godwit_schema", "godwit_lock", "godwit_uptodate");
    }

    private static final String R_FUNCTIONS = """
            -- repeatable: functions re-created whenever this file changes
            CREATE OR REPLACE FUNCTION user_label(uid integer) RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
                RETURN (SELECT email || ' (' || id || ')' FROM users WHERE id = uid);
            END;
            $$;
            CREATE OR REPLACE FUNCTION migrated_by() RETURNS text LANGUAGE sql AS $$ SELECT '${flyway:user}' $$;
            """;
    private static final String R_REPORTS = """
            CREATE OR REPLACE FUNCTION post_count() RETURNS bigint LANGUAGE sql AS $$
                SELECT count(*) FROM posts
            $$;
            """;

    @Test
    void flywayRepeatablesRunAfterTheVersionsAgainWhenChangedAndNeverGoDown() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), V1);
        Files.writeString(dir.resolve("U1__users.sql"), "DROP TABLE settings;\nDROP TABLE users;\nDROP FUNCTION touch();\n");
        Files.writeString(dir.resolve("V1_1__posts.sql"), V1_1);
        Files.writeString(dir.resolve("U1_1__posts.sql"), "DROP VIEW post_titles;\nDROP TABLE posts;\n");
        Files.writeString(dir.resolve("R__functions.sql"), R_FUNCTIONS);
        Files.writeString(dir.resolve("R__reports.sql"), R_REPORTS);
        String user = db.scalar("SELECT current_user");

        Cli.Result up = godwit("up", "--placeholder", "owner=admin");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.scalar("SELECT string_agg(version || ' ' || kind, ', ' ORDER BY version) FROM godwit_history"))
                .isEqualTo("1 sql, 1.1 sql, R__functions repeatable, R__reports repeatable");
        assertThat(db.scalar("SELECT migrated_by()")).isEqualTo(user);
        String expected = applyRaw(V1.replace("${flyway:defaultSchema}", "public").replace("${owner}", "admin"), V1_1,
                R_FUNCTIONS.replace("${flyway:user}", user), R_REPORTS);
        assertThat(dump()).isEqualTo(expected);

        Cli.Result unchanged = godwit("up", "--placeholder", "owner=admin");
        assertThat(unchanged.out()).as(unchanged.toString()).contains("nothing to apply");
        String edited = R_REPORTS.replace("SELECT count(*) FROM posts", "SELECT count(*) FROM posts WHERE title IS NOT NULL");
        Files.writeString(dir.resolve("R__reports.sql"), edited);
        Cli.Result status = godwit("status", "--placeholder", "owner=admin");
        assertThat(status.out()).containsPattern("R__reports +reports \\(repeatable\\) +outdated");
        Cli.Result again = godwit("up", "--placeholder", "owner=admin");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied 1 migration(s)");
        expected = applyRaw(edited);
        assertThat(dump()).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--placeholder", "owner=admin");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(db.scalar("SELECT string_agg(version, ', ' ORDER BY version) FROM godwit_history"))
                .isEqualTo("R__functions, R__reports");
        assertThat(godwit("up", "--placeholder", "owner=admin").exit()).isZero();
        assertThat(dump()).isEqualTo(expected);
    }

    private static final String GM_USERS = """
            CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, updated_at timestamptz);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
            """;
    private static final String GM_POSTS = """
            CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id), title text);
            CREATE INDEX posts_user ON posts (user_id);
            """;

    @Test
    void aGolangMigrateFolderWithBlankFilesGivesTheSchemaPsqlGivesAndGoesDownAndUpAgain() throws IOException {
        Files.writeString(dir.resolve("000001_create_users.up.sql"), GM_USERS);
        Files.writeString(dir.resolve("000001_create_users.down.sql"), "DROP TABLE users;\nDROP FUNCTION touch();\n");
        Files.writeString(dir.resolve("000002_reserved.up.sql"), "");
        Files.writeString(dir.resolve("000002_reserved.down.sql"), "");
        Files.writeString(dir.resolve("000003_create_posts.up.sql"), GM_POSTS);
        Files.writeString(dir.resolve("000003_create_posts.down.sql"), "DROP TABLE IF EXISTS posts;\n");

        Cli.Result up = godwit("up", "--format", "golang-migrate");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.scalar("SELECT string_agg(version, ', ' ORDER BY version) FROM godwit_history"))
                .isEqualTo("000001, 000002, 000003");
        String expected = applyRaw(GM_USERS, GM_POSTS);
        assertThat(dump()).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--format", "golang-migrate");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up", "--format", "golang-migrate").exit()).isZero();
        assertThat(dump()).isEqualTo(expected);
    }

    // Diesel's own initial setup, as 'diesel setup' lays it out (written here, same shape)
    private static final String D_SETUP_UP = """
            -- Sets up helper functions that Diesel's generated migrations may call.
            CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$
            BEGIN
                EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                                FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);
            END;
            $$ LANGUAGE plpgsql;

            CREATE OR REPLACE FUNCTION diesel_set_updated_at() RETURNS trigger AS $$
            BEGIN
                IF (NEW IS DISTINCT FROM OLD AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) THEN
                    NEW.updated_at := current_timestamp;
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            """;
    private static final String D_SETUP_DOWN = """
            DROP FUNCTION IF EXISTS diesel_manage_updated_at(_tbl regclass);
            DROP FUNCTION IF EXISTS diesel_set_updated_at();
            """;
    private static final String D_USERS = """
            CREATE TABLE users (
                id SERIAL PRIMARY KEY,
                name VARCHAR NOT NULL,
                updated_at TIMESTAMP NOT NULL DEFAULT NOW()
            );
            SELECT diesel_manage_updated_at('users');
            """;
    private static final String D_POSTS = """
            CREATE TABLE posts (
                id SERIAL PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id),
                title VARCHAR NOT NULL,
                published BOOLEAN NOT NULL DEFAULT FALSE
            );
            CREATE INDEX posts_user_id ON posts (user_id);
            """;
    private static final String D_LOG = """
            CREATE TABLE post_log (post_id INTEGER NOT NULL, at TIMESTAMP NOT NULL DEFAULT NOW());
            CREATE FUNCTION log_post() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO post_log (post_id) VALUES (NEW.id);
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER posts_log AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION log_post();
            """;

    private void diesel(String folder, String up, String down) throws IOException {
        Path f = Files.createDirectories(dir.resolve(folder));
        Files.writeString(f.resolve("up.sql"), up);
        Files.writeString(f.resolve("down.sql"), down);
    }

    @Test
    void aDieselFolderRunsInDieselsOrderGivesTheSchemaPsqlGivesAndGoesDownAndUpAgain() throws IOException {
        diesel("00000000000000_diesel_initial_setup", D_SETUP_UP, D_SETUP_DOWN);
        // as strings 202212310000000000 < 20230101000000 < 20240313 (from 2024-03-13_…) < 20240314000000;
        // numerically 20240313 would come first and the 18-digit version last, and neither could run
        diesel("202212310000000000_create_users", D_USERS, "DROP TABLE users;\n");
        diesel("2023-01-01-000000_create_posts", D_POSTS, "DROP TABLE posts;\n");
        diesel("2024-03-13_170000_log_posts", D_LOG, "DROP TABLE post_log;\nDROP TRIGGER posts_log ON posts;\n"
                + "DROP FUNCTION log_post();\n");
        diesel("2024-03-14-000000_nothing", "-- Your SQL goes here\n", "-- This file should undo anything in `up.sql`\n");

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        String expected = applyRaw(D_SETUP_UP, D_USERS, D_POSTS, D_LOG);
        assertThat(dump()).isEqualTo(expected);
        assertThat(db.scalar("SELECT count(*) FROM godwit_history")).isEqualTo("5");

        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname LIKE 'diesel%'")).isEqualTo("0");
        assertThat(godwit("up").exit()).isZero();
        assertThat(dump()).isEqualTo(expected);
    }

    private static final String SQLX_USERS = """
            CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, created_at timestamptz DEFAULT now());
            CREATE FUNCTION normalise_email() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.email := lower(NEW.email);
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER users_email BEFORE INSERT OR UPDATE ON users
                FOR EACH ROW EXECUTE FUNCTION normalise_email();
            """;
    private static final String SQLX_INDEX = """
            -- no-transaction
            CREATE INDEX CONCURRENTLY users_email ON users (email);
            """;

    @Test
    void anSqlxFolderWithANoTransactionFileGivesTheSchemaPsqlGivesAndGoesDownAndUpAgain() throws IOException {
        Files.writeString(dir.resolve("20240101000000_users.up.sql"), SQLX_USERS);
        Files.writeString(dir.resolve("20240101000000_users.down.sql"), "DROP TABLE users;\nDROP FUNCTION normalise_email();\n");
        Files.writeString(dir.resolve("20240102000000_email_index.up.sql"), SQLX_INDEX);
        Files.writeString(dir.resolve("20240102000000_email_index.down.sql"),
                "-- no-transaction\nDROP INDEX CONCURRENTLY users_email;\n");

        Cli.Result up = godwit("up", "--format", "sqlx");
        assertThat(up.exit()).as(up.toString()).isZero();
        String expected = applyRaw(SQLX_USERS, SQLX_INDEX);
        assertThat(dump()).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--format", "sqlx");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up", "--format", "sqlx").exit()).isZero();
        assertThat(dump()).isEqualTo(expected);
    }

    private static final String RANGES_INITIAL = """
            CREATE TABLE project (id serial PRIMARY KEY, name text NOT NULL, updated_at timestamptz DEFAULT now());
            CREATE TABLE notes (id serial PRIMARY KEY, content text NOT NULL);
            CREATE TABLE schema_version (id int PRIMARY KEY CHECK (id = 1), version text NOT NULL);
            INSERT INTO schema_version (id, version) VALUES (1, '1.0');
            """;
    private static final String RANGES_NOTES = """
            ALTER TABLE notes ADD COLUMN source text DEFAULT 'user';
            ALTER TABLE notes ADD COLUMN severity text DEFAULT 'info';
            CREATE INDEX IF NOT EXISTS idx_notes_severity ON notes (severity);
            UPDATE schema_version SET version = '1.1' WHERE id = 1;
            """;
    private static final String RANGES_GIT = """
            ALTER TABLE project ADD COLUMN last_known_git_hash text;
            CREATE TABLE IF NOT EXISTS work_branches (id serial PRIMARY KEY, branch_name text UNIQUE NOT NULL);
            UPDATE schema_version SET version = '1.1' WHERE id = 1;
            """;

    @Test
    void aFolderOfVersionRangesGivesTheSchemaPsqlGivesAndRollsBack() throws IOException {
        Files.createDirectories(dir.resolve("rollback"));
        Files.writeString(dir.resolve("v1.0_to_v1.1.sql"), RANGES_NOTES);
        Files.writeString(dir.resolve("v1.0_to_v1.1_git_integration.sql"), RANGES_GIT);
        Files.writeString(dir.resolve("rollback/v1.1_to_v1.0.sql"), """
                DROP INDEX IF EXISTS idx_notes_severity;
                ALTER TABLE notes DROP COLUMN severity;
                ALTER TABLE notes DROP COLUMN source;
                UPDATE schema_version SET version = '1.0' WHERE id = 1;
                """);
        Files.writeString(dir.resolve("rollback/v1.1_to_v1.0_git_integration.sql"), """
                DROP TABLE IF EXISTS work_branches;
                ALTER TABLE project DROP COLUMN last_known_git_hash;
                UPDATE schema_version SET version = '1.0' WHERE id = 1;
                """);
        PostgresTestDatabase.ToolResult initial = db.psql(Files.writeString(tmp.resolve("initial.sql"), RANGES_INITIAL));
        assertThat(initial.exitCode()).as(initial.output()).isZero();
        String before = applyRaw(RANGES_INITIAL);
        String expected = applyRaw(RANGES_NOTES, RANGES_GIT);

        Cli.Result up = godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(dump()).isEqualTo(expected);
        assertThat(db.scalar("SELECT version FROM schema_version")).isEqualTo("1.1");

        Cli.Result down = godwit("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(dump()).isEqualTo(before);
        assertThat(godwit("up").exit()).isZero();
        assertThat(dump()).isEqualTo(expected);
    }
}
