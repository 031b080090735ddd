package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --each over a fleet of SQLite files where some are broken; --jobs; --shard; status --each. */
class FleetCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TENANTS = 240;

    @TempDir
    Path tmp;
    Path tenants;
    Path migrations;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        tenants = Files.createDirectories(tmp.resolve("tenants"));
        migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("1_users.sql"), """
                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                -- migrate:down
                DROP TABLE users;
                """);
        Files.writeString(tmp.resolve("godwit.toml"), "dir = \"migrations\"\nlock-timeout = 1\n[backups]\noff = true\n");
        for (int i = 0; i < TENANTS; i++) {
            SqliteDb.exec(tenants.resolve(String.format("t%03d.db", i)), "SELECT 1");
        }
        assertThat(godwit("up", "--each", "tenants/*.db").exit()).isZero();
        Files.writeString(migrations.resolve("2_unique_names.sql"), """
                -- migrate:up
                CREATE UNIQUE INDEX users_name ON users(name);
                -- migrate:down
                DROP INDEX users_name;
                """);
        Files.writeString(migrations.resolve("3_posts.sql"), """
                -- migrate:up
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));
                -- migrate:down
                DROP TABLE posts;
                """);
    }

    private Cli.Result godwit(String... args) {
        return Cli.runIn(tmp, env, args);
    }

    @Test
    void everyHealthyTenantReachesTheTargetAndEachBrokenOneIsNamedWithoutHarmingAnyOther() throws Exception {
        Path corrupt = tenants.resolve("t010.db");
        Files.write(corrupt, "this is not a SQLite database, just text that is long enough".repeat(100)
                .getBytes(StandardCharsets.UTF_8));
        byte[] corruptBytes = Files.readAllBytes(corrupt);
        SqliteDb.exec(tenants.resolve("t020.db"), "INSERT INTO users (name) VALUES ('ann'), ('ann')");
        Path aheadDir = Files.createDirectories(tmp.resolve("ahead"));
        for (Path f : List.of(migrations.resolve("1_users.sql"), migrations.resolve("2_unique_names.sql"),
                migrations.resolve("3_posts.sql"))) {
            Files.copy(f, aheadDir.resolve(f.getFileName()));
        }
        Files.writeString(aheadDir.resolve("4_tags.sql"), "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n");
        Path ahead = tenants.resolve("t030.db");
        assertThat(Cli.run(env, "--url", "sqlite:" + ahead, "--dir", aheadDir.toString(), "--no-backup", "up")
                .exit()).isZero();
        Path locked = tenants.resolve("t040.db");
        Process holder = holdExclusiveLock(locked);
        try {
            Cli.Result r = godwit("up", "--each", "tenants/*.db", "--jobs", "2");
            Cli.Result json = godwit("status", "--each", "tenants/*.db", "--json");

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("fleet up: " + TENANTS + " database(s), " + (TENANTS - 4) + " ok, 4 failed")
                    .contains("  version 3: " + (TENANTS - 4))
                    .contains("  tenants/t010.db: ").contains("  tenants/t020.db: ")
                    .contains("  tenants/t030.db: ").contains("  tenants/t040.db (locked): ");
            assertThat(r.out()).containsPattern("(?s)t020.db: [^\n]*2_unique_names.sql.*UNIQUE constraint failed")
                    .contains("t030.db: refused, nothing was changed: 4_tags.sql: applied, but the file is gone");
            JsonNode status = JSON.readTree(json.out());
            assertThat(status.get("databases").asInt()).isEqualTo(TENANTS);
            assertThat(status.at("/versions/3").asInt()).isEqualTo(TENANTS - 4);
            assertThat(status.get("failed").asInt()).as("the corrupt and the locked file").isEqualTo(2);
            assertThat(status.findValuesAsText("name")).contains("tenants/t010.db", "tenants/t040.db");
            assertThat(status.at("/versions/1").asInt()).as("t020 stays at 1").isEqualTo(1);
            assertThat(status.at("/versions/4").asInt()).as("t030 is ahead").isEqualTo(1);
            assertThat(status.get("behind").asInt()).as("t020").isEqualTo(1);
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        for (int i = 0; i < TENANTS; i++) {
            Path db = tenants.resolve(String.format("t%03d.db", i));
            if (db.equals(corrupt)) {
                assertThat(Files.readAllBytes(db)).isEqualTo(corruptBytes);
            } else if (db.equals(locked)) {
                assertThat(SqliteDb.history(db)).containsExactly("1|1");
            } else if (db.equals(tenants.resolve("t020.db"))) {
                assertThat(SqliteDb.history(db)).containsExactly("1|1");
                assertThat(SqliteDb.query(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('users_name', "
                        + "'posts')")).containsExactly("0");
            } else if (db.equals(ahead)) {
                assertThat(SqliteDb.history(db)).containsExactly("1|1", "2|1", "3|1", "4|1");
            } else {
                assertThat(SqliteDb.history(db)).as(db.toString()).containsExactly("1|1", "2|1", "3|1");
            }
        }
    }

    @Test
    void shardsCoverTheFleetExactlyOnceAndAutoReadsTheIndexedJobsIndex() throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Cli.Result r = godwit("status", "--each", "tenants/*.db", "--shard", i + "/3", "--json");
            assertThat(r.exit()).as(r.toString()).isZero();
            for (JsonNode one : JSON.readTree(r.out()).get("results")) {
                all.add(one.get("name").asText());
                seen.add(one.get("name").asText());
            }
        }
        assertThat(all).hasSize(TENANTS).doesNotHaveDuplicates();
        assertThat(seen).contains("tenants/t000.db", "tenants/t239.db");

        env.put("JOB_COMPLETION_INDEX", "1");
        env.put("GODWIT_SHARD_COUNT", "3");
        assertThat(JSON.readTree(godwit("status", "--each", "tenants/*.db", "--shard", "auto", "--json").out())
                .get("results")).isEqualTo(JSON.readTree(godwit("status", "--each", "tenants/*.db", "--shard", "2/3",
                "--json").out()).get("results"));
    }

    @Test
    void aListFileNamesTheFleetAndFleetOptionsAreRefusedWithoutEach() throws IOException {
        Files.writeString(tmp.resolve("some.txt"), "# two tenants\ntenants/t001.db\nsqlite:tenants/t002.db\n");

        Cli.Result r = godwit("up", "--each", "@some.txt");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fleet up: 2 database(s), 2 ok, 0 failed").contains("version 3: 2");
        assertThat(SqliteDb.history(tenants.resolve("t003.db"))).containsExactly("1|1");
        assertThat(godwit("up", "--jobs", "2").exit()).isEqualTo(2);
        assertThat(godwit("up", "--each", "nothing/*.db").err()).contains("no file matches");
        assertThat(godwit("up", "--each", "tenants/*.db", "--shard", "4/3").exit()).isEqualTo(2);
    }

    /** A sqlite3 process holding an exclusive lock on {@code db} until destroyed. */
    private static Process holdExclusiveLock(Path db) throws IOException {
        Process p = new ProcessBuilder("sqlite3", db.toString()).redirectErrorStream(true).start();
        OutputStream in = p.getOutputStream();
        in.write("PRAGMA journal_mode=DELETE;\nBEGIN EXCLUSIVE;\nINSERT INTO users (name) VALUES ('held');\n.print ready\n"
                .getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // journal_mode's answer
        }
        return p;
    }
}
