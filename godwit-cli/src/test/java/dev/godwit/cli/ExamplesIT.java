package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in examples/ do what their READMEs say. */
class ExamplesIT {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theQuickstartMigratesAndReportsStatusAsTheReadmeShows() {
        Path db = tmp.resolve("quickstart.db");
        Map<String, String> env = Map.of("GODWIT_URL", "sqlite:" + db,
                "GODWIT_DIR", EXAMPLES.resolve("quickstart/migrations").toString());

        Cli.Result up = Cli.run(env, "up");
        Cli.Result status = Cli.run(env, "status");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("current version: 20250101120300, applied: 4, pending: 0");
        assertThat(SqliteDb.query(db, "SELECT name, post_count FROM authors ORDER BY id"))
                .containsExactly("Ada|1", "Grace; the admiral|1");
        assertThat(SqliteDb.query(db, "SELECT body FROM posts WHERE author_id = 2")).containsExactly("It's a moth");
        assertThat(Cli.run(env, "down", "--all").exit()).isZero();
        assertThat(SqliteDb.tables(db)).isEmpty();
    }

    @Test
    void theVersionedChecksumsWorkflowRunsAsDocumented() throws IOException {
        Path dir = copy(EXAMPLES.resolve("versioned-checksums/migrations"), tmp.resolve("migrations"));
        Path db = tmp.resolve("versioned.db");
        Map<String, String> env = Map.of("GODWIT_URL", "sqlite:" + db, "GODWIT_DIR", dir.toString());

        assertThat(Cli.run(env, "up", "--to", "20240102090000").exit()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("sessions", "users");
        assertThat(Cli.run(env, "status").out()).contains("applied: 2, pending: 1");
        Cli.Result dry = Cli.run(env, "up", "--dry-run");
        assertThat(dry.out()).contains("ALTER TABLE users ADD COLUMN role");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'role'"))
                .containsExactly("0");
        assertThat(Cli.run(env, "up").exit()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'role'"))
                .containsExactly("1");
        assertThat(Cli.run(env, "down", "--to", "20240101120000").exit()).isZero();
        assertThat(SqliteDb.tables(db)).containsExactly("users");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'role'"))
                .containsExactly("0");
        assertThat(Cli.run(env, "validate").exit()).isZero();

        Path users = dir.resolve("20240101120000_create_users.sql");
        Files.writeString(users, Files.readString(users).replace("email TEXT NOT NULL UNIQUE,",
                "email TEXT NOT NULL UNIQUE,\n    phone TEXT,"));
        Cli.Result invalid = Cli.run(env, "validate");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).contains("20240101120000_create_users.sql: changed since it was applied");
        assertThat(Cli.run(env, "status").out()).containsPattern("20240101120000\\s+create users\\s+changed");
        assertThat(Cli.run(env, "up").exit()).isEqualTo(2);
    }

    @Test
    void theMultiDbExampleChecksMigratesAndRollsBackEachDatabaseOnItsOwn() throws IOException {
        Path config = EXAMPLES.resolve("multi-db/godwit.toml");
        Path home = tmp.resolve("home");
        Path project = Files.createDirectories(tmp.resolve("code/my-project/.aifp-project")).getParent();
        Files.createFile(project.resolve(".aifp-project/project.db"));
        Path nested = Files.createDirectories(project.resolve("src/deep"));
        Map<String, String> env = Map.of("HOME", home.toString());
        Path core = home.resolve(".aifp/aifp_core.db");
        Path projectDb = project.resolve(".aifp-project/project.db");
        Path prefs = project.resolve(".aifp-project/user_preferences.db");
        java.util.function.Function<String[], Cli.Result> godwit = args -> {
            String[] all = new String[args.length + 2];
            all[0] = "--config";
            all[1] = config.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return Cli.runIn(nested, env, all);
        };

        Cli.Result check = godwit.apply(new String[] {"status", "--all"});
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).containsPattern("core +none +0 +2")
                .containsPattern("project +none +0 +3")
                .containsPattern("preferences +skipped: optional, and not found: looked for "
                        + "\\.aifp-project/user_preferences\\.db");

        Cli.Result dry = godwit.apply(new String[] {"up", "--all", "--dry-run"});
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("== core").contains("== project").contains("would apply 3 migration(s)");
        assertThat(core).doesNotExist();
        assertThat(Files.size(projectDb)).isZero();

        Cli.Result up = godwit.apply(new String[] {"up", "--all"});
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.history(core)).containsExactly("1.0|1", "1.1|1");
        assertThat(SqliteDb.history(projectDb)).containsExactly("1.0|1", "1.1|1", "1.2|1");
        assertThat(SqliteDb.tables(core)).contains("directives").doesNotContain("notes");
        assertThat(up.out()).containsPattern("preferences +skipped");

        Files.createFile(prefs);
        assertThat(godwit.apply(new String[] {"up", "--db", "preferences"}).exit()).isZero();
        assertThat(SqliteDb.history(prefs)).containsExactly("1.0|1");

        Cli.Result down = godwit.apply(new String[] {"down", "--db", "project"});
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.history(projectDb)).containsExactly("1.0|1", "1.1|1");
        try (Stream<Path> files = Files.list(projectDb.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("project\\.db\\..*\\.bak"));
        }
        assertThat(SqliteDb.history(core)).containsExactly("1.0|1", "1.1|1");

        Cli.Result json = godwit.apply(new String[] {"status", "--all", "--json"});
        assertThat(json.exit()).as(json.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out());
        assertThat(doc.at("/databases/0/current").asText()).isEqualTo("1.1");
        assertThat(doc.at("/databases/1/current").asText()).isEqualTo("1.1");
        assertThat(doc.at("/databases/1/pending").asInt()).isEqualTo(1);
        assertThat(doc.at("/databases/2/current").asText()).isEqualTo("1.0");

        Cli.Result outside = Cli.runIn(tmp, env, "--config", config.toString(), "status", "--db", "project");
        assertThat(outside.exit()).as(outside.toString()).isEqualTo(2);
        assertThat(outside.err()).contains("database project not found: looked for .aifp-project/project.db in "
                + tmp);
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
