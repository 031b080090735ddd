package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** libSQL-only syntax travels through the client untouched and sqld runs it, inside a transactional batch too. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqldLibsqlSyntaxIT {
    private TestServer server;
    private HranaClient client;

    @BeforeAll
    void start() {
        server = LibsqlServers.start(LibsqlServers.Kind.SQLD);
        client = server.client();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void altersAColumnWithLibsqlsAlterColumn() {
        TransactionalBatch.Outcome outcome = TransactionalBatch.of(List.of(
                HranaStatement.of("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"),
                HranaStatement.of("ALTER TABLE users ALTER COLUMN name TO name TEXT NOT NULL DEFAULT 'anonymous'"),
                HranaStatement.of("INSERT INTO users (id) VALUES (1)"))).run(client);

        assertThat(outcome.committed()).as("%s", outcome).isTrue();
        assertThat(client.query(HranaStatement.of("SELECT name FROM users WHERE id = 1")).singleValue())
                .isEqualTo("anonymous");
        assertThat((String) client.query(HranaStatement.of(
                "SELECT sql FROM sqlite_master WHERE name = 'users'")).singleValue())
                .contains("NOT NULL DEFAULT 'anonymous'");
    }

    @Test
    void storesAndReadsAF32BlobVectorColumn() {
        TransactionalBatch.Outcome outcome = TransactionalBatch.of(List.of(
                HranaStatement.of("CREATE TABLE docs (id INTEGER PRIMARY KEY, embedding F32_BLOB(3))"),
                HranaStatement.of("INSERT INTO docs VALUES (1, vector32(?))", "[1, 2, 3]"),
                HranaStatement.of("INSERT INTO docs VALUES (2, vector32('[0.5, 0.5, 0.5]'))"))).run(client);

        assertThat(outcome.committed()).as("%s", outcome).isTrue();
        StatementResult result = client.query(HranaStatement.of(
                "SELECT id, vector_extract(embedding), vector_distance_cos(embedding, vector32('[1,2,3]')) "
                        + "FROM docs ORDER BY id"));
        assertThat(result.rows()).hasSize(2);
        assertThat(result.rows().get(0).get(1)).isEqualTo("[1,2,3]");
        assertThat((Double) result.rows().get(0).get(2)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
        byte[] raw = (byte[]) client.query(HranaStatement.of("SELECT embedding FROM docs WHERE id = 1")).singleValue();
        assertThat(raw).hasSize(12);
    }
}
