package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godwit lint} and {@code up --lint} through the real CLI, on SQLite files and a PostgreSQL URL. */
class LintCliIT {
    private static final String PG = "postgres://app@localhost:1/shop";

    @TempDir
    Path tmp;
    CliProject project;

    @BeforeEach
    void setUp() throws IOException {
        project = new CliProject(tmp);
        project.write("1_users.sql", """
                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
                -- migrate:down
                DROP TABLE users;
                """);
    }

    private Cli.Result godwit(String... args) {
        return project.godwit(args);
    }

    private Cli.Result onPostgres(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = PG;
        all[2] = "--dir";
        all[3] = project.dir.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(project.env, all);
    }

    @Test
    void cleanMigrationsPassWithoutTouchingTheDatabase() {
        Cli.Result r = godwit("lint");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("no findings (sqlite rules:");
        assertThat(project.db).doesNotExist();
    }

    @Test
    void anErrorFindingExitsOneWithFileLineRuleAndFix() {
        project.write("2_alter.sql", """
                -- migrate:up
                ALTER TABLE users ALTER COLUMN name SET NOT NULL;
                -- migrate:down
                SELECT 1;
                """);

        Cli.Result r = godwit("lint");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("2_alter.sql:2: error sqlite-unsupported-alter:")
                .contains("    fix: rebuild the table").contains("1 finding(s): 1 error(s)");
    }

    @Test
    void warningsPassByDefaultAndFailWithFailOnWarning() {
        project.write("2_drop.sql", """
                -- migrate:up
                DROP TABLE users;
                -- migrate:down
                CREATE TABLE users (id INTEGER PRIMARY KEY);
                """);

        assertThat(godwit("lint").exit()).isZero();
        Cli.Result strict = godwit("lint", "--fail-on", "warning");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.out()).contains("2_drop.sql:2: warning destructive:");
        Cli.Result raised = godwit("lint", "--rule", "destructive=error");
        assertThat(raised.exit()).isEqualTo(1);
        assertThat(raised.out()).contains("error destructive:");
        Cli.Result off = godwit("lint", "--rule", "destructive=off", "--fail-on", "warning");
        assertThat(off.exit()).as(off.toString()).isZero();
    }

    @Test
    void anIgnoreCommentSilencesTheFindingAndIsCounted() {
        project.write("2_drop.sql", """
                -- migrate:up
                CREATE TABLE t (a INT);
                -- godwit:lint-ignore destructive
                DROP TABLE users;
                -- migrate:down
                CREATE TABLE users (id INTEGER PRIMARY KEY);
                DROP TABLE t;
                """);

        Cli.Result r = godwit("lint", "--fail-on", "info");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("1 ignored by lint-ignore comments");
        assertThat(godwit("up").exit()).as("the directive does not stop a run").isZero();
    }

    @Test
    void postgresRulesComeFromTheUrlSchemeWithoutConnecting() {
        project.write("2_index.sql", """
                -- migrate:up
                CREATE INDEX users_email ON users (email);
                -- migrate:down
                DROP INDEX users_email;
                """);

        Cli.Result r = onPostgres("lint");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("2_index.sql:2: error pg-index-without-concurrently:")
                .as("down sections are checked for what they undo, not linted as up sections")
                .doesNotContain("2_index.sql:4:");
    }

    @Test
    void jsonListsEachFindingWithItsFields() throws IOException {
        project.write("2_index.sql", "-- migrate:up\nCREATE INDEX users_email ON users (email);\n");

        Cli.Result r = onPostgres("--json", "lint");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("engine").asText()).isEqualTo("postgresql");
        assertThat(doc.get("failed").asBoolean()).isTrue();
        assertThat(doc.get("findings")).hasSize(2);
        assertThat(doc.get("findings").get(0).get("rule").asText()).isEqualTo("no-down");
        JsonNode first = doc.get("findings").get(1);
        assertThat(first.get("rule").asText()).isEqualTo("pg-index-without-concurrently");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("file").asText()).isEqualTo("2_index.sql");
        assertThat(first.get("line").asInt()).isEqualTo(2);
        assertThat(first.get("version").asText()).isEqualTo("2");
    }

    @Test
    void sarifHasTheFieldsCodeScanningToolsRequire() throws IOException {
        project.write("2_index.sql", "-- migrate:up\nCREATE INDEX users_email ON users (email);\n");

        Cli.Result r = onPostgres("lint", "--sarif");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("godwit");
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules.isArray()).isTrue();
        assertThat(rules.findValuesAsText("id")).contains("pg-index-without-concurrently", "no-down");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("level").asText()).isEqualTo("note"); // no-down, line 1
        JsonNode result = results.get(1);
        assertThat(result.get("ruleId").asText()).isEqualTo("pg-index-without-concurrently");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/message/text").asText()).contains("users");
        assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId")
                .asText());
        JsonNode location = result.at("/locations/0/physicalLocation");
        assertThat(location.at("/artifactLocation/uri").asText()).endsWith("migrations/2_index.sql");
        assertThat(location.at("/region/startLine").asInt()).isEqualTo(2);
    }

    @Test
    void upWithLintRefusesBeforeAnyChangeWhenAnErrorIsFound() {
        project.write("2_vacuum.sql", "-- migrate:up\nVACUUM;\n-- migrate:down\nSELECT 1;\n");

        Cli.Result r = godwit("up", "--lint");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("lint: 2_vacuum.sql:2: error needs-no-transaction:")
                .contains("refused by lint: 1 finding(s) at or above error").contains("nothing was changed");
        assertThat(project.db).doesNotExist();
    }

    @Test
    void upWithLintLooksOnlyAtTheMigrationsToApply() throws IOException {
        project.write("2_drop.sql", "-- migrate:up\nDROP TABLE users;\n-- migrate:down\nCREATE TABLE users (id INT);\n");
        assertThat(godwit("up").exit()).isZero();
        project.write("3_more.sql", "-- migrate:up\nCREATE TABLE t (a INT);\n-- migrate:down\nDROP TABLE t;\n");

        Cli.Result r = godwit("up", "--lint", "--fail-on", "warning");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(project.db)).contains("t");
        Cli.Result plain = godwit("up", "--fail-on", "warning");
        assertThat(plain.exit()).as("lint options need --lint").isEqualTo(2);
        assertThat(Files.exists(project.db)).isTrue();
    }

    @Test
    void upWithLintAndATargetLooksAtTheMigrationsUpToItInTheFormatsOrder() throws IOException {
        // Diesel orders versions as text: the 16-digit version runs before the 14-digit one
        CliProject diesel = new CliProject(tmp.resolve("diesel"));
        Files.createDirectories(diesel.dir.resolve("2024010100000000_create_t"));
        Files.createDirectories(diesel.dir.resolve("20240102000000_drop_t"));
        Files.writeString(diesel.dir.resolve("2024010100000000_create_t/up.sql"), "CREATE TABLE t (a INT);\n");
        Files.writeString(diesel.dir.resolve("2024010100000000_create_t/down.sql"), "DROP TABLE t;\n");
        Files.writeString(diesel.dir.resolve("20240102000000_drop_t/up.sql"), "DROP TABLE t;\n");
        Files.writeString(diesel.dir.resolve("20240102000000_drop_t/down.sql"), "CREATE TABLE t (a INT);\n");

        Cli.Result r = diesel.godwit("up", "--lint", "--fail-on", "warning", "--to", "2024010100000000");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.tables(diesel.db)).contains("t");
        Cli.Result rest = diesel.godwit("up", "--lint", "--fail-on", "warning");
        assertThat(rest.exit()).as(rest.toString()).isEqualTo(2);
        assertThat(rest.err()).contains("20240102000000_drop_t");
    }

    @Test
    void liveReadsTheIndexesOfTheDatabaseThatNoMigrationCreated() throws Exception {
        assertThat(godwit("up").exit()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + project.db);
             var s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX users_email_by_hand ON users (email)");
        }
        project.write("2_drop_email.sql", "-- migrate:up\nALTER TABLE users DROP COLUMN email;\n"
                + "-- migrate:down\nALTER TABLE users ADD COLUMN email TEXT;\n");
        String before = project.fingerprint();

        assertThat(godwit("lint").out()).doesNotContain("sqlite-drop-column-in-use");
        Cli.Result live = godwit("lint", "--live");

        assertThat(live.exit()).as(live.toString()).isEqualTo(1);
        assertThat(live.out()).contains("2_drop_email.sql:2: error sqlite-drop-column-in-use: column users.email is "
                + "used by index users_email_by_hand");
        assertThat(project.fingerprint()).as("--live only reads").isEqualTo(before);
    }
}
