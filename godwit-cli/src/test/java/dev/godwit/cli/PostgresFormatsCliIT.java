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
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock")).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all", "--placeholder", "owner=admin");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up", "--placeholder", "owner=admin").exit()).isZero();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock")).isEqualTo(expected);
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
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock")).isEqualTo(expected);

        Cli.Result down = godwit("down", "--all");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(godwit("up").exit()).isZero();
        assertThat(db.dump("godwit_history", "godwit_schema", "godwit_lock")).isEqualTo(expected);
    }
}
