package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.dialect.libsql.LibsqlServers;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The CLI against sqld, the libSQL server; also libSQL-only syntax, which only sqld speaks. */
class SqldLibsqlCliIT extends LibsqlCliContract {
    @Override
    LibsqlServers.Kind kind() {
        return LibsqlServers.Kind.SQLD;
    }

    @Test
    void libsqlOnlySyntaxPassesThroughUntouched() throws IOException {
        write("4_libsql.sql", """
                -- migrate:up
                CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, embedding F32_BLOB(3));
                ALTER TABLE docs ALTER COLUMN title TO title TEXT NOT NULL DEFAULT 'untitled';
                INSERT INTO docs (id, embedding) VALUES (1, vector32('[1, 2, 3]'));
                -- migrate:down
                DROP TABLE docs;
                """);

        Cli.Result r = godwit("up");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.rows("SELECT title, vector_extract(embedding) FROM docs"))
                .containsExactly("untitled|[1,2,3]");
        assertThat(server.rows("SELECT sql FROM sqlite_master WHERE name = 'docs'").get(0))
                .contains("F32_BLOB(3)").contains("NOT NULL DEFAULT 'untitled'");
        assertThat(godwit("down").exit()).isZero();
        assertThat(tables()).doesNotContain("docs");
    }

    @Test
    void aStatementSqldCannotParseIsNamedByItsLineAndNothingRuns() throws IOException {
        write("4_vacuum.sql", """
                -- migrate:up
                CREATE TABLE v (id INTEGER);
                INSERT INTO v (id) VALUES (1);
                VACUUM;
                INSERT INTO v (id) VALUES (2);
                """);

        Cli.Result r = godwit("up");

        // sqld refuses the whole request, naming no statement; Godwit finds it without running anything.
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("failed at 4_vacuum.sql:4, statement 3 of 4").contains("VACUUM")
                .contains("unsupported statement");
        assertThat(tables()).doesNotContain("v");
        assertThat(history()).containsExactly("1|1", "2|1", "3|1");
    }

    @Test
    void aStalledServerTimesOutAfterRequestTimeoutAndTheHintNamesTheOption() {
        assertThat(godwit("up", "--step", "1").exit()).isZero();
        server.stall();
        try {
            long t0 = System.nanoTime();
            Cli.Result r = godwit("up", "--request-timeout", "2");
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("did not answer").contains("within 2 s")
                    .contains("--request-timeout SECONDS (now 2)");
            assertThat(seconds).as("gave up after the request timeout, not the 60 s default").isLessThan(30);
        } finally {
            server.resume();
        }
        assertThat(history()).containsExactly("1|1");
    }
}
