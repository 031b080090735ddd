package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godwit import} on PostgreSQL, in a schema of its own ({@code --schema app}): each tool's table created as
 * that tool creates it there (PostgreSQL types: timestamp, timestamptz, bytea, boolean), the first migrations
 * applied by hand, then import and an {@code up} that applies only the rest. Refusals exit 1 and change nothing.
 */
class PostgresImportCliIT {
    @TempDir
    Path tmp;
    Path dir;
    PostgresTestDatabase db;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        db = PostgresTestDatabase.create();
        db.execute("CREATE SCHEMA app");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", db.url(), "--dir", dir.toString(), "--schema", "app"));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void importsThenUpAppliesOnly(String tool, String toolTable, List<String> extra, String rest,
                                          String originalTime) {
        String before = db.rows("SELECT * FROM app." + toolTable).toString();
        List<String> args = new ArrayList<>(extra);
        args.addAll(List.of("import", "--from", tool));
        Cli.Result imported = godwit(args.toArray(String[]::new));
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("'godwit up' applies 1 pending migration(s): " + rest);
        assertThat(db.tableExists("app", "godwit_history")).isTrue();
        assertThat(db.tableExists("public", "godwit_history")).isFalse();

        List<String> up = new ArrayList<>(extra);
        up.add("up");
        Cli.Result ran = godwit(up.toArray(String[]::new));
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("applied 1 migration(s)");
        assertThat(db.rows("SELECT * FROM app." + toolTable).toString()).isEqualTo(before);

        List<String> status = new ArrayList<>(extra);
        status.add("status");
        Cli.Result st = godwit(status.toArray(String[]::new));
        assertThat(st.exit()).as(st.toString()).isZero();
        assertThat(st.out()).contains("imported from " + tool).contains("pending: 0");
        if (originalTime != null) {
            assertThat(st.out()).contains(originalTime);
        }
    }

    private void refusedChangingNothing(String why, String... args) {
        String before = db.dump();
        Cli.Result r = godwit(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("refused to import").contains(why).contains("nothing was changed");
        assertThat(db.dump()).isEqualTo(before);
    }

    /** How Godwit shows a zone-less time the session wrote: read in the session's (the JVM's) zone. */
    private static String local(String wallClock) {
        return LocalDateTime.parse(wallClock).atZone(ZoneId.systemDefault()).toInstant().toString();
    }

    private static final String FLYWAY = "CREATE TABLE app.flyway_schema_history (installed_rank integer NOT NULL, "
            + "version character varying(50), description character varying(200) NOT NULL, type character varying(20) "
            + "NOT NULL, script character varying(1000) NOT NULL, checksum integer, installed_by character varying(100)"
            + " NOT NULL, installed_on timestamp without time zone NOT NULL DEFAULT now(), execution_time integer NOT "
            + "NULL, success boolean NOT NULL, CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))";

    @Test
    void flywayHistoryInASchemaIsImportedWithVerifiedChecksums() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n");
        write("V2__posts.sql", "CREATE TABLE posts (id serial PRIMARY KEY);\n");
        write("V3__tags.sql", "CREATE TABLE tags (id serial PRIMARY KEY);\n");
        db.execute(FLYWAY, "CREATE INDEX flyway_schema_history_s_idx ON app.flyway_schema_history (success)",
                "CREATE TABLE app.users (id serial PRIMARY KEY)", "CREATE TABLE app.posts (id serial PRIMARY KEY)",
                "INSERT INTO app.flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', "
                        + "'\"app\"', NULL, 'me', '2024-02-29 09:00:00', 0, true)",
                "INSERT INTO app.flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', "
                        + ImportCliIT.flywayChecksum(dir.resolve("V1__users.sql")) + ", 'me', '2024-03-01 10:00:00', 7, "
                        + "true)",
                "INSERT INTO app.flyway_schema_history VALUES (2, '2', 'posts', 'SQL', 'V2__posts.sql', "
                        + ImportCliIT.flywayChecksum(dir.resolve("V2__posts.sql")) + ", 'me', '2024-03-02 10:00:00', 7, "
                        + "true)");

        importsThenUpAppliesOnly("flyway", "flyway_schema_history", List.of(), "3", local("2024-03-01T10:00:00"));
    }

    @Test
    void aFailedFlywayMigrationIsRefused() throws Exception {
        write("V1__users.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n");
        db.execute(FLYWAY, "INSERT INTO app.flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', "
                + "NULL, 'me', '2024-03-01 10:00:00', 7, false)");

        refusedChangingNothing("failed (success = false)", "import", "--from", "flyway");
    }

    @Test
    void golangMigrateDirtyIsRefusedThenClean() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write(i + "_t" + i + ".up.sql", "CREATE TABLE t" + i + " (id int);\n");
            write(i + "_t" + i + ".down.sql", "DROP TABLE t" + i + ";\n");
        }
        db.execute("CREATE TABLE IF NOT EXISTS app.schema_migrations (version bigint not null primary key, "
                + "dirty boolean not null)", "CREATE TABLE app.t1 (id int)", "CREATE TABLE app.t2 (id int)",
                "INSERT INTO app.schema_migrations VALUES (2, true)");
        refusedChangingNothing("version 2 is dirty", "import", "--from", "golang-migrate");

        db.execute("UPDATE app.schema_migrations SET dirty = false");
        importsThenUpAppliesOnly("golang-migrate", "schema_migrations", List.of(), "3", null);
    }

    @Test
    void sqlxHistoryWithTimestamptzAndByteaChecksums() throws Exception {
        write("1_users.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n");
        write("2_posts.sql", "CREATE TABLE posts (id serial PRIMARY KEY);\n");
        write("3_tags.sql", "CREATE TABLE tags (id serial PRIMARY KEY);\n");
        db.execute("CREATE TABLE IF NOT EXISTS app._sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT "
                + "NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT "
                + "NULL, execution_time BIGINT NOT NULL)",
                "CREATE TABLE app.users (id serial PRIMARY KEY)", "CREATE TABLE app.posts (id serial PRIMARY KEY)",
                "INSERT INTO app._sqlx_migrations VALUES (1, 'users', '2024-04-01 08:00:00+00', true, decode('"
                        + ImportCliIT.sha384("CREATE TABLE users (id serial PRIMARY KEY);\n") + "', 'hex'), 3000000)",
                "INSERT INTO app._sqlx_migrations VALUES (2, 'posts', '2024-04-02 08:00:00+00', true, decode('"
                        + ImportCliIT.sha384("CREATE TABLE posts (id serial);\n") + "', 'hex'), 3000000)");
        refusedChangingNothing("2_posts.sql changed since sqlx applied it", "--format", "sqlx", "import", "--from",
                "sqlx");

        db.execute("UPDATE app._sqlx_migrations SET checksum = decode('"
                + ImportCliIT.sha384("CREATE TABLE posts (id serial PRIMARY KEY);\n") + "', 'hex') WHERE version = 2");
        importsThenUpAppliesOnly("sqlx", "_sqlx_migrations", List.of("--format", "sqlx"), "3",
                "2024-04-01T08:00:00Z");
    }

    @Test
    void dieselHistoryWithTimestampRunOn() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2024-01-0" + i + "-000000_t" + i + "/up.sql", "CREATE TABLE t" + i + " (id int);\n");
            write("2024-01-0" + i + "-000000_t" + i + "/down.sql", "DROP TABLE t" + i + ";\n");
        }
        db.execute("CREATE TABLE IF NOT EXISTS app.__diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT "
                + "NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)", "CREATE TABLE app.t1 (id int)",
                "CREATE TABLE app.t2 (id int)",
                "INSERT INTO app.__diesel_schema_migrations VALUES ('20240101000000', '2024-05-01 09:30:00'), "
                        + "('20240102000000', '2024-05-02 09:30:00')");

        importsThenUpAppliesOnly("diesel", "__diesel_schema_migrations", List.of(), "20240103000000",
                local("2024-05-01T09:30:00"));
    }

    @Test
    void gooseHistoryWhereARolledBackVersionIsPending() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("0000" + i + "_t" + i + ".sql", "-- +goose Up\nCREATE TABLE t" + i + " (id int);\n"
                    + "-- +goose Down\nDROP TABLE t" + i + ";\n");
        }
        db.execute("CREATE TABLE app.goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied "
                + "boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))",
                "INSERT INTO app.goose_db_version (version_id, is_applied) VALUES (0, true)",
                "INSERT INTO app.goose_db_version (version_id, is_applied, tstamp) VALUES (1, true, "
                        + "'2024-06-01 12:00:00'), (2, true, '2024-06-02 12:00:00'), (3, true, '2024-06-03 12:00:00'),"
                        + " (3, false, '2024-06-04 12:00:00')",
                "CREATE TABLE app.t1 (id int)", "CREATE TABLE app.t2 (id int)");

        importsThenUpAppliesOnly("goose", "goose_db_version", List.of(), "00003", local("2024-06-02T12:00:00"));
    }

    @Test
    void dbmateHistoryAndAnExistingGodwitHistoryIsRefused() throws Exception {
        for (int i = 1; i <= 3; i++) {
            write("2024010100000" + i + "_t" + i + ".sql", "-- migrate:up\nCREATE TABLE t" + i + " (id int);\n");
        }
        db.execute("create table if not exists app.schema_migrations (version varchar(128) primary key)",
                "CREATE TABLE app.t1 (id int)", "CREATE TABLE app.t2 (id int)",
                "INSERT INTO app.schema_migrations VALUES ('20240101000001'), ('20240101000002')");

        Cli.Result dry = godwit("import", "--from", "dbmate", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(db.tableExists("app", "godwit_history")).isFalse();
        importsThenUpAppliesOnly("dbmate", "schema_migrations", List.of(), "20240101000003", null);
        refusedChangingNothing("already has 3 row(s)", "import", "--from", "dbmate");
    }

    @Test
    void aVersionTableInTheSchemaAdoptsTheDatabaseAndStaysInStepWithUpAndDown() throws Exception {
        write("v1.0_to_v1.1.sql", "CREATE TABLE a (id int);\n");
        write("v1.1_to_v1.2.sql", "CREATE TABLE b (id int);\n");
        write("v1.2_to_v1.3.sql", "CREATE TABLE c (id int);\n");
        write("rollback/v1.3_to_v1.2.sql", "DROP TABLE c;\n");
        write("rollback/v1.2_to_v1.1.sql", "DROP TABLE b;\n");
        db.execute("CREATE TABLE app.schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, "
                + "updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)", "CREATE TABLE app.a (id int)",
                "INSERT INTO app.schema_version (id, version) VALUES (1, '1.1')");

        Cli.Result up = godwit("--version-table", "schema_version", "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("adopted the database at version 1.1");
        assertThat(db.scalar("SELECT version FROM app.schema_version")).isEqualTo("1.3");

        Cli.Result down = godwit("--version-table", "schema_version", "down", "--step", "2");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.scalar("SELECT version FROM app.schema_version")).isEqualTo("1.1");
        assertThat(db.tableExists("app", "b")).isFalse();
    }
}
