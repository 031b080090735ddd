package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godwit drift} and the fingerprint {@code up} records, on real SQLite files through the real CLI. */
class DriftCliIT {
    @TempDir
    Path tmp;
    CliProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = CliProject.blog(tmp);
    }

    private void byHand(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.db);
             Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    void aCleanRunLeavesNoDrift() {
        assertThat(project.godwit("up").exit()).isZero();

        Cli.Result r = project.godwit("drift");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("no drift since the run recorded at").contains("(version 3)");
        assertThat(SqliteDb.query(project.db, "SELECT version FROM godwit_schema")).containsExactly("3");
    }

    @Test
    void aTableAddedByHandIsReportedAndUpWarnsBeforeMigrating() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        byHand("CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT)");

        Cli.Result r = project.godwit("drift");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("added   table audit").contains("added   column audit.what");
        project.write("4_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tags;\n");
        Cli.Result up = project.godwit("up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("warning: the schema changed outside migrations since the last run")
                .contains("added table audit").contains("'godwit drift' lists them");
        assertThat(project.godwit("drift").exit()).as("the run records the schema it leaves").isZero();
    }

    @Test
    void aChangeByHandAfterRunsThatChangedNothingIsStillWarnedAbout() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        assertThat(project.godwit("up").err()).doesNotContain("schema changed");
        assertThat(project.godwit("up").err()).doesNotContain("schema changed");
        byHand("CREATE INDEX posts_title ON posts (title)");

        Cli.Result up = project.godwit("up");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("warning: the schema changed outside migrations since the last run")
                .contains("added index posts_title");
    }

    @Test
    void aRecordFromBeforeSchemaVersionsIsComparedAndStampedOnTheNextRecording() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        byHand("ALTER TABLE godwit_schema DROP COLUMN schema_version"); // as an older Godwit made it
        byHand("CREATE TABLE audit (id INTEGER PRIMARY KEY)");

        Cli.Result up = project.godwit("up");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("added table audit");
        project.write("4_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tags;\n");
        assertThat(project.godwit("up").exit()).isZero();
        assertThat(SqliteDb.query(project.db, "SELECT schema_version IS NOT NULL FROM godwit_schema"))
                .containsExactly("1");
        assertThat(project.godwit("drift").out()).contains("no drift");
        byHand("DROP TABLE audit");
        assertThat(project.godwit("up").err()).contains("removed table audit");
    }

    @Test
    void aColumnChangedByHandIsReported() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        byHand("ALTER TABLE posts RENAME COLUMN title TO headline");

        Cli.Result r = project.godwit("--json", "drift");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("drift").asBoolean()).isTrue();
        assertThat(doc.get("added").findValuesAsText("name")).contains("posts.headline");
        assertThat(doc.get("removed").findValuesAsText("name")).contains("posts.title");
        assertThat(doc.get("changed").findValuesAsText("name")).contains("posts");
        assertThat(doc.get("recorded_fingerprint").asText()).startsWith("sha256:")
                .isNotEqualTo(doc.get("live_fingerprint").asText());
    }

    @Test
    void anIndexDroppedByHandIsReported() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        byHand("DROP INDEX posts_user");

        Cli.Result r = project.godwit("drift");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("removed index posts_user").contains("1 object(s) changed");
    }

    @Test
    void aDatabaseMigratedBeforeGetsAFingerprintOnItsNextRun() throws Exception {
        assertThat(project.godwit("up").exit()).isZero();
        byHand("DROP TABLE godwit_schema"); // as an older Godwit left it

        Cli.Result before = project.godwit("drift");
        assertThat(before.exit()).isZero();
        assertThat(before.out()).contains("no schema fingerprint recorded yet");
        assertThat(project.godwit("up").exit()).isZero();
        assertThat(project.godwit("drift").out()).contains("no drift");
    }

    @Test
    void godwitsOwnTablesAreLeftOutAndFollowTable() {
        assertThat(project.godwit("--table", "schema_migrations", "up").exit()).isZero();

        assertThat(SqliteDb.query(project.db, "SELECT catalog FROM schema_migrations_schema").get(0))
                .doesNotContain("schema_migrations").contains("posts_user");
        assertThat(project.godwit("--table", "schema_migrations", "drift").exit()).isZero();
    }
}
