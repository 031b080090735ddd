package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --each-schema: every matching schema of one PostgreSQL database is a tenant of its own. */
class PostgresFleetCliIT {
    @TempDir
    Path tmp;

    @Test
    void everyMatchingSchemaIsMigratedOnItsOwnAndAFailingOneHarmsNoOther() throws IOException {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            for (int i = 1; i <= 12; i++) {
                db.execute("CREATE SCHEMA tenant_" + i);
            }
            db.execute("CREATE SCHEMA other", "CREATE TABLE tenant_7.users (id int)");
            Path dir = Files.createDirectories(tmp.resolve("migrations"));
            Files.writeString(dir.resolve("1_users.sql"), """
                    -- migrate:up
                    CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
                    -- migrate:down
                    DROP TABLE users;
                    """);
            Files.writeString(dir.resolve("2_posts.sql"), "-- migrate:up\nCREATE TABLE posts (id serial);\n");
            Map<String, String> env = Map.of("GODWIT_URL", db.url(), "GODWIT_DIR", dir.toString());

            Cli.Result r = Cli.run(env, "up", "--each-schema", "tenant\\_%", "--jobs", "3");
            Cli.Result status = Cli.run(env, "status", "--each-schema", "tenant_%", "--json");

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("fleet up: 12 database(s), 11 ok, 1 failed").contains("version 2: 11")
                    .contains("  tenant_7: ").doesNotContain(db.password() == null ? "\u0000" : db.password());
            JsonNode doc = new ObjectMapper().readTree(status.out());
            assertThat(doc.get("databases").asInt()).isEqualTo(12);
            assertThat(doc.at("/versions/2").asInt()).isEqualTo(11);
            assertThat(doc.at("/versions/none").asInt()).as("tenant_7 rolled back").isEqualTo(1);
            assertThat(db.tableExists("tenant_3", "posts")).isTrue();
            assertThat(db.tableExists("tenant_7", "posts")).isFalse();
            assertThat(db.tableExists("other", "users")).isFalse();
        }
    }
}
