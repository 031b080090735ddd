package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godwit drift} on a real PostgreSQL server; each test in a schema of its own. */
class PostgresDriftCliIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PostgresTestDatabase db;

    @TempDir
    Path tmp;
    Path dir;
    String schema;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        schema = "drift" + SCHEMAS.incrementAndGet();
        dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), """
                -- migrate:up
                CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
                CREATE INDEX users_email ON users (email);
                CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;
                -- migrate:down
                DROP FUNCTION user_count();
                DROP TABLE users;
                """, StandardCharsets.UTF_8);
    }

    private Cli.Result godwit(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", db.url(), "--dir", dir.toString(), "--schema", schema));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void aCleanRunLeavesNoDriftAndGodwitsTablesAreLeftOut() {
        assertThat(godwit("up").exit()).isZero();

        Cli.Result r = godwit("drift");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("no drift");
        assertThat(db.scalar("SELECT catalog FROM " + schema + ".godwit_schema")).contains("users_email")
                .contains("user_count()").doesNotContain("godwit_history");
    }

    @Test
    void anObjectAddedAColumnChangedAndAnIndexDroppedAreEachReported() {
        assertThat(godwit("up").exit()).isZero();
        db.execute("CREATE TABLE " + schema + ".audit (id int)",
                "ALTER TABLE " + schema + ".users ALTER COLUMN email TYPE varchar(200)",
                "DROP INDEX " + schema + ".users_email");

        Cli.Result r = godwit("drift");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("added   table audit").contains("added   column audit.id")
                .contains("changed column users.email: text NOT NULL -> character varying(200) NOT NULL")
                .contains("removed index users_email");
        Cli.Result up = godwit("up");
        assertThat(up.err()).contains("the schema changed outside migrations");
    }
}
