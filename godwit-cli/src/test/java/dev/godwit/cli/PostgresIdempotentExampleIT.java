package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/postgres-idempotent does what its README says, by hand with psql and under Godwit. */
class PostgresIdempotentExampleIT {
    static final Path MIGRATIONS = ExamplesIT.EXAMPLES.resolve("postgres-idempotent/migrations");
    private static PostgresTestDatabase byHand;
    private static PostgresTestDatabase byGodwit;
    private static PostgresTestDatabase adopted;

    @BeforeAll
    static void createDatabases() {
        byHand = PostgresTestDatabase.create();
        byGodwit = PostgresTestDatabase.create();
        adopted = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabases() {
        for (PostgresTestDatabase db : new PostgresTestDatabase[] {byHand, byGodwit, adopted}) {
            if (db != null) {
                db.close();
            }
        }
    }

    private static List<Path> upFiles() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".up.sql")).sorted().toList();
        }
    }

    private static void runByHand(PostgresTestDatabase db) throws IOException {
        for (Path f : upFiles()) {
            PostgresTestDatabase.ToolResult r = db.psql(f);
            assertThat(r.exitCode()).as("psql -f " + f.getFileName() + ":\n" + r.output()).isZero();
        }
    }

    private static Cli.Result godwit(PostgresTestDatabase db, String... args) {
        String[] all = Stream.concat(Stream.of("--url", db.urlWithoutPassword(), "--dir", MIGRATIONS.toString()),
                Stream.of(args)).toArray(String[]::new);
        return Cli.run(Map.of("PGPASSWORD", db.password()), all);
    }

    @Test
    void runsTwiceByHandThenOnceUnderGodwitAndEndsLikeAFreshGodwitDatabase() throws IOException {
        runByHand(byHand);
        String once = byHand.dump();
        runByHand(byHand);
        assertThat(byHand.dump()).as("a second run by hand changes nothing, rows included").isEqualTo(once);

        Cli.Result takeOver = godwit(byHand, "up");
        assertThat(takeOver.exit()).as(takeOver.toString()).isZero();
        assertThat(takeOver.out()).contains("applied 3 migration(s); current version: 003");
        assertThat(godwit(byHand, "up").out()).contains("nothing to apply");
        assertThat(godwit(byHand, "validate").exit()).isZero();

        Cli.Result fresh = godwit(byGodwit, "up");
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(byHand.dump("public.godwit_history", "public.godwit_schema", "public.godwit_uptodate"))
                .as("Godwit's run over the hand-migrated database changed nothing but its history").isEqualTo(once);
        assertThat(byHand.dumpSchema("public.godwit_history", "public.godwit_schema", "public.godwit_uptodate"))
                .isEqualTo(byGodwit.dumpSchema("public.godwit_history", "public.godwit_schema", "public.godwit_uptodate"));
        String rows = "SELECT s.name, p.sku, p.name, p.scraping_confidence FROM products p "
                + "JOIN suppliers s ON s.id = p.supplier_id ORDER BY p.sku";
        assertThat(byHand.rows(rows)).isEqualTo(byGodwit.rows(rows)).hasSize(3);
        assertThat(byGodwit.scalar("SELECT string_agg(v::text, ',' ORDER BY v) FROM "
                + "unnest(enum_range(NULL::processing_status)) v"))
                .isEqualTo("pending,processing,needs_review,done,failed");
    }

    @Test
    void aDatabaseMigratedByHandCanBeAdoptedWithABaseline() throws IOException {
        runByHand(adopted);
        Cli.Result b = godwit(adopted, "baseline", "--version", "3", "--description", "migrated by hand");
        assertThat(b.exit()).as(b.toString()).isZero();
        Cli.Result status = godwit(adopted, "status", "--json");
        assertThat(status.out()).contains("\"state\" : \"baseline\"").doesNotContain("\"pending\" : 1");
        assertThat(godwit(adopted, "up").out()).contains("nothing to apply");
    }

    @Test
    void rollsAllTheWayBackAndForwardAgain() {
        PostgresTestDatabase db = PostgresTestDatabase.create();
        try {
            assertThat(godwit(db, "up").exit()).isZero();
            Cli.Result down = godwit(db, "down", "--all");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(db.tableExists("public", "invoices")).isFalse();
            assertThat(db.scalar("SELECT count(*) FROM pg_type WHERE typname = 'file_type'")).isEqualTo("0");
            assertThat(godwit(db, "up").exit()).isZero();
            assertThat(db.scalar("SELECT count(*) FROM suppliers")).isEqualTo("2");
        } finally {
            db.close();
        }
    }
}
