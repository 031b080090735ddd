package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Hrana contract against sqld, the libSQL server. */
class SqldHranaIT extends HranaContract {
    @Override
    LibsqlServers.Kind kind() {
        return LibsqlServers.Kind.SQLD;
    }

    @Test
    void speaksHrana3AndClosesEachStream() {
        assertThat(client.protocol()).isEqualTo(HranaClient.Protocol.HRANA_3);
    }

    @Test
    void reportsAffectedRowsAndTheLastInsertRowid() {
        String t = table("counts");
        client.execute(HranaStatement.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)"));
        StatementResult insert = client.execute(HranaStatement.of("INSERT INTO " + t + " (v) VALUES ('a'), ('b')"));
        assertThat(insert.affectedRowCount()).isEqualTo(2);
        assertThat(insert.lastInsertRowid()).isEqualTo(2L);
    }
}
