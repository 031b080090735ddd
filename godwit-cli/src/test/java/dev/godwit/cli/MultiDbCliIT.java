package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [databases.NAME] blocks: --db, --all, --keep-going, and the errors around them. */
class MultiDbCliIT {
    @TempDir
    Path tmp;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        env.put("HOME", tmp.resolve("home").toString());
        CliProject.writeUsersPostsSeed(Files.createDirectories(tmp.resolve("migrations/a")));
        Path broken = Files.createDirectories(tmp.resolve("migrations/b"));
        Files.writeString(broken.resolve("1_ok.sql"), "-- migrate:up\nCREATE TABLE t (id INTEGER);\n");
        Files.writeString(broken.resolve("2_fails.sql"), "-- migrate:up\nINSERT INTO nowhere VALUES (1);\n");
        CliProject.writeUsersPostsSeed(Files.createDirectories(tmp.resolve("migrations/c")));
        Files.writeString(tmp.resolve("godwit.toml"), """
                [databases.a]
                url = "sqlite:a.db"

                [databases.b]
                url = "sqlite:b.db"

                [databases.c]
                url = "sqlite:c.db"
                table = "c_history"
                """);
    }

    private Cli.Result godwit(String... args) {
        return Cli.runIn(tmp, env, args);
    }

    @Test
    void upAllStopsAtTheFirstFailureAndReportsEveryDatabasesOutcome() {
        Cli.Result r = godwit("up", "--all");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("a +ok").containsPattern("b +failed +.*2_fails.sql")
                .containsPattern("c +not run +stopped after b failed");
        assertThat(r.err()).contains("godwit: error: b: ");
        assertThat(SqliteDb.history(tmp.resolve("a.db"))).hasSize(3);
        assertThat(SqliteDb.history(tmp.resolve("b.db"))).containsExactly("1|1");
        assertThat(tmp.resolve("c.db")).doesNotExist();
    }

    @Test
    void keepGoingRunsTheOthersAndJsonIsOneDocument() throws IOException {
        Cli.Result r = godwit("up", "--all", "--keep-going", "--json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.at("/databases/0/outcome").asText()).isEqualTo("ok");
        assertThat(doc.at("/databases/0/current").asText()).isEqualTo("3");
        assertThat(doc.at("/databases/1/outcome").asText()).isEqualTo("failed");
        assertThat(doc.at("/databases/1/error/code").asText()).isEqualTo("migration_failed");
        assertThat(doc.at("/databases/2/outcome").asText()).isEqualTo("ok");
        assertThat(SqliteDb.query(tmp.resolve("c.db"), "SELECT count(*) FROM c_history")).containsExactly("3");
    }

    @Test
    void statusAllIsOneTableAndSeveralDbPickSome() {
        godwit("up", "--db", "a");

        Cli.Result all = godwit("status", "--all");
        Cli.Result some = godwit("status", "--db", "c", "--db", "a");

        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).containsPattern("Database +Current +Applied +Pending +Problems +URL")
                .containsPattern("a +3 +3 +0").containsPattern("b +none +0 +2").containsPattern("c +none +0 +3");
        assertThat(some.out().lines().skip(1).map(l -> l.split(" ")[0]).toList()).containsExactly("c", "a");
    }

    @Test
    void oneDbRunsEveryCommandOnThatDatabase() {
        assertThat(godwit("up", "--db", "c").exit()).isZero();
        Cli.Result down = godwit("down", "--db", "c", "--step", "2");

        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.query(tmp.resolve("c.db"), "SELECT version FROM c_history")).containsExactly("1");
        assertThat(godwit("status", "--db", "c").out()).contains("current version: 1");
    }

    @Test
    void mistakesAroundDatabasesAreRefusedBeforeAnyIsOpened() {
        Cli.Result none = godwit("status");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("configures several databases (a, b, c) and no default one")
                .contains("--db NAME, or --all");

        Cli.Result unknown = godwit("up", "--db", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--db x: no [databases.x]").contains("choose one of: a, b, c");

        Cli.Result url = godwit("up", "--all", "--url", "sqlite:other.db");
        assertThat(url.exit()).isEqualTo(2);
        assertThat(url.err()).contains("--url with --all");

        Cli.Result twice = godwit("down", "--db", "a", "--db", "b");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("runs on one database");

        for (String db : new String[] {"a.db", "b.db", "c.db", "other.db"}) {
            assertThat(tmp.resolve(db)).doesNotExist();
        }
    }
}
