package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** godwit.toml, .env and environments through the real CLI: discovery, precedence, every error, config, init. */
class ConfigCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path project;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        CliProject.writeUsersPostsSeed(Files.createDirectories(project.resolve("migrations")));
        env.put("HOME", tmp.resolve("home").toString());
    }

    private void write(String name, String text) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Cli.Result godwit(Path cwd, String... args) {
        return Cli.runIn(cwd, env, args);
    }

    private JsonNode config(Path cwd, String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "config";
        all[1] = "--json";
        System.arraycopy(args, 0, all, 2, args.length);
        Cli.Result r = godwit(cwd, all);
        assertThat(r.exit()).as(r.toString()).isZero();
        return JSON.readTree(r.out()).get("settings");
    }

    @Test
    void theNearestGodwitTomlIsFoundFromANestedFolderAndItsPathsAreRelativeToIt() throws IOException {
        write("godwit.toml", """
                url = "sqlite:data/app.db"
                dir = "migrations"
                """);
        Path nested = Files.createDirectories(project.resolve("src/main/deep"));

        Cli.Result r = godwit(nested, "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(project.resolve("data/app.db"))).containsExactly("1|1", "2|1", "3|1");
        assertThat(nested.resolve("data")).doesNotExist();
    }

    @Test
    void withoutADirTheMigrationsFolderNextToTheFileIsUsed() throws IOException {
        write("godwit.toml", "url = \"sqlite:app.db\"\n");

        Cli.Result r = godwit(Files.createDirectories(project.resolve("a")), "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(project.resolve("app.db"))).hasSize(3);
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsDotEnvWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
        write("godwit.toml", """
                table = "from_file"
                schema = "file_schema"
                journal-mode = "DELETE"
                """);
        write(".env", """
                # comment
                export GODWIT_SCHEMA=dotenv_schema
                GODWIT_TABLE='from_dotenv'
                GODWIT_JOURNAL_MODE="TRUNCATE"   # a comment after a quoted value
                """);
        env.put("GODWIT_TABLE", "from_env");

        JsonNode s = config(project, "--table", "from_cli");

        assertThat(s.at("/table/value").asText()).isEqualTo("from_cli");
        assertThat(s.at("/table/source").asText()).isEqualTo("command line --table");
        env.remove("GODWIT_TABLE");
        env.put("GODWIT_SCHEMA", "env_schema");
        s = config(project);
        assertThat(s.at("/schema/value").asText()).isEqualTo("env_schema");
        assertThat(s.at("/schema/source").asText()).isEqualTo("environment GODWIT_SCHEMA");
        assertThat(s.at("/table/value").asText()).isEqualTo("from_dotenv");
        assertThat(s.at("/table/source").asText()).isEqualTo(project.resolve(".env") + ":3 GODWIT_TABLE");
        assertThat(s.at("/journal-mode/value").asText()).isEqualTo("TRUNCATE");
        env.remove("GODWIT_SCHEMA");
        Files.delete(project.resolve(".env"));
        s = config(project);
        assertThat(s.at("/table/value").asText()).isEqualTo("from_file");
        assertThat(s.at("/table/source").asText()).isEqualTo(project.resolve("godwit.toml") + ":1");
        assertThat(s.at("/lock-timeout/value").asInt()).isEqualTo(60);
        assertThat(s.at("/lock-timeout/source").asText()).isEqualTo("default");
    }

    @Test
    void dotEnvSuppliesTheUrlAsDbmateReadsItAndAVariableAlreadySetWins() throws IOException {
        write("godwit.toml", "dir = \"migrations\"\n");
        write(".env", "DATABASE_URL=sqlite:" + project.resolve("from-dotenv.db") + "\n");

        Cli.Result r = godwit(project, "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(project.resolve("from-dotenv.db"))).hasSize(3);

        env.put("DATABASE_URL", "sqlite:" + project.resolve("from-env.db"));
        assertThat(godwit(project, "up").exit()).isZero();
        assertThat(SqliteDb.history(project.resolve("from-env.db"))).hasSize(3);
    }

    @Test
    void variablesAndTheHomeFolderAreExpandedInUrlsAndPaths() throws IOException {
        write("godwit.toml", """
                url = "sqlite:~/${APP}/app.db"
                dir = "${MIGRATIONS}"
                """);
        env.put("APP", "shop");
        env.put("MIGRATIONS", project.resolve("migrations").toString());

        Cli.Result r = godwit(project, "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(tmp.resolve("home/shop/app.db"))).hasSize(3);
    }

    @Test
    void aTildeInASqliteUrlOnTheCommandLineIsTheHomeFolderNotAFolderNamedTilde() {
        Cli.Result r = godwit(project, "--url", "sqlite:~/data/app.db", "--dir",
                project.resolve("migrations").toString(), "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(tmp.resolve("home/data/app.db"))).hasSize(3);
        assertThat(Path.of("~")).doesNotExist();
    }

    @Test
    void anEnvironmentBlockOverridesTheFileAndAProtectedOneAsksFirst() throws IOException {
        write("godwit.toml", """
                url = "sqlite:dev.db"

                [environments.prod]
                url = "sqlite:prod.db"
                protected = true
                """);

        Cli.Result refused = godwit(project, "--env", "prod", "up");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("protected database: sqlite:" + project.resolve("prod.db"))
                .contains("pass --yes");
        assertThat(project.resolve("prod.db")).doesNotExist();

        env.put("GODWIT_ENV", "prod");
        JsonNode s = config(project);
        assertThat(s.at("/protected/value").asBoolean()).isTrue();
        assertThat(s.at("/protected/source").asText()).endsWith("godwit.toml:5 [environments.prod]");
        env.put("GODWIT_CONFIRM", "0");
        assertThat(godwit(project, "up").exit()).as("protection is never switched off from below").isEqualTo(2);
        assertThat(godwit(project, "up", "--yes").exit()).isZero();
        assertThat(SqliteDb.history(project.resolve("prod.db"))).hasSize(3);

        env.remove("GODWIT_ENV");
        env.remove("GODWIT_CONFIRM");
        assertThat(godwit(project, "up").exit()).isZero();
        assertThat(SqliteDb.history(project.resolve("dev.db"))).hasSize(3);
    }

    @Test
    void everyProblemInTheFileIsNamedWithFileAndLineAndNothingIsOpened() throws IOException {
        write("godwit.toml", """
                url = "sqlite:app.db"
                lock_timout = 5
                journal-mode = 3
                dir = "${NOT_SET_ANYWHERE}"

                [backups]
                keep = "five"
                every = 2

                [environments.prod]
                urll = "sqlite:prod.db"
                """);

        Cli.Result r = godwit(project, "up");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        Path file = project.resolve("godwit.toml");
        assertThat(r.err()).contains(file + ":2: unknown key 'lock_timout'; did you mean 'lock-timeout'?")
                .contains(file + ":3: journal-mode must be a string")
                .contains(file + ":4: dir uses ${NOT_SET_ANYWHERE}, which is not set")
                .contains(file + ":7: backups.keep must be a whole number")
                .contains(file + ":8: unknown key 'backups.every'")
                .contains(file + ":11: unknown key 'environments.prod.urll' in [environments.prod]; did you mean 'url'?")
                .contains("6 problems").contains("hint:");
        assertThat(project.resolve("app.db")).doesNotExist();
    }

    @Test
    void notTomlAtAllNamesTheLine() throws IOException {
        write("godwit.toml", "url = \"sqlite:app.db\"\ndir = migrations\n");

        Cli.Result r = godwit(project, "status");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(project.resolve("godwit.toml") + ":2: not valid TOML");
    }

    @Test
    void aMissingConfigFileAnUnknownEnvironmentAndBadEnvironmentValuesAreExit2() throws IOException {
        Cli.Result missing = godwit(project, "--config", "nope.toml", "status");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("--config nope.toml: no such file (" + project.resolve("nope.toml") + ")");

        Cli.Result noFile = godwit(project, "--env", "prod", "status");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("environment 'prod' chosen (--env), but there is no godwit.toml");

        write("godwit.toml", "url = \"sqlite:app.db\"\n[environments.staging]\n[environments.prod]\n");
        Cli.Result unknown = godwit(project, "--env", "qa", "status", "--json");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no environment 'qa' in " + project.resolve("godwit.toml"))
                .contains("choose one of: staging, prod");
        assertThat(JSON.readTree(unknown.out()).at("/error/code").asText()).isEqualTo("configuration");

        env.put("GODWIT_LOCK_TIMEOUT", "soon");
        Cli.Result badNumber = godwit(project, "status");
        assertThat(badNumber.exit()).isEqualTo(2);
        assertThat(badNumber.err()).contains("GODWIT_LOCK_TIMEOUT=soon: must be a whole number of seconds");
        assertThat(project.resolve("app.db")).doesNotExist();
    }

    @Test
    void anExplicitConfigFileNeedNotBeNamedGodwitToml() throws IOException {
        write("conf/ci.toml", "url = \"sqlite:../ci.db\"\ndir = \"../migrations\"\n");

        Cli.Result r = godwit(tmp, "--config", project.resolve("conf/ci.toml").toString(), "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(project.resolve("ci.db"))).hasSize(3);
    }

    @Test
    void configShowsEveryEffectiveSettingAndItsSourceWithSecretsRedacted() throws IOException {
        write("godwit.toml", """
                url = "postgres://app:hunter2@db.example/shop"
                auth-token = "${TOKEN}"
                load-extension = ["ext/vec.so"]

                [placeholders]
                owner = "app"
                api_password = "s3cret"
                """);
        env.put("TOKEN", "tok-123");

        Cli.Result text = godwit(project, "config");
        Cli.Result json = godwit(project, "config", "--json");

        for (Cli.Result r : new Cli.Result[] {text, json}) {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out() + r.err()).doesNotContain("hunter2").doesNotContain("tok-123").doesNotContain("s3cret");
        }
        assertThat(text.out()).contains("config file: " + project.resolve("godwit.toml"))
                .containsPattern("url +postgres://app:\\*\\*\\*@db.example/shop +" + project.resolve("godwit.toml") + ":1")
                .containsPattern("auth-token +\\*\\*\\*")
                .contains("owner=app, api_password=***")
                .contains(project.resolve("ext/vec.so").toString())
                .containsPattern("table +godwit_history +default");
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("config_file").asText()).isEqualTo(project.resolve("godwit.toml").toString());
        assertThat(doc.at("/settings/lock-timeout/value").asInt()).isEqualTo(60);
    }

    @Test
    void backupsAndOutOfOrderComeFromTheFileUnlessAnOptionSaysOtherwise() throws IOException {
        write("godwit.toml", """
                url = "sqlite:app.db"
                out-of-order = true
                [backups]
                off = true
                """);
        Files.move(project.resolve("migrations/2_create_posts.sql"), project.resolve("later.sql"));
        assertThat(godwit(project, "up").exit()).isZero();
        Files.move(project.resolve("later.sql"), project.resolve("migrations/2_create_posts.sql"));

        Cli.Result r = godwit(project, "up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(SqliteDb.history(project.resolve("app.db"))).hasSize(3);
        try (var files = Files.list(project)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".bak"));
        }
        assertThat(godwit(project, "down", "--keep-backups", "2").exit()).isZero();
        try (var files = Files.list(project)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".bak"));
        }
    }

    @Test
    void initWritesACommentedConfigAndAnEmptyMigrationsFolderThatWorkAsWritten() throws IOException {
        Path fresh = Files.createDirectories(tmp.resolve("fresh"));

        Cli.Result r = godwit(fresh, "init");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(fresh.resolve("godwit.toml"))).contains("# godwit.toml").contains("url = ");
        try (var files = Files.list(fresh.resolve("migrations"))) {
            assertThat(files).isEmpty();
        }
        Files.writeString(fresh.resolve("migrations/1_t.sql"), "-- migrate:up\nCREATE TABLE t (id INTEGER);\n");
        Cli.Result up = godwit(fresh, "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.history(fresh.resolve("data/app.db"))).containsExactly("1|1");

        Cli.Result again = godwit(fresh, "init");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists already; nothing was written");
    }
}
