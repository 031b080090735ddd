package dev.godwit.dialect.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Hrana contract against {@code tursodb --sync-server}, which implements only execute and batch. */
class TursodbHranaIT extends HranaContract {
    @Override
    LibsqlServers.Kind kind() {
        return LibsqlServers.Kind.TURSODB;
    }

    @Test
    void speaksHrana2WithoutClose() {
        assertThat(client.protocol()).isEqualTo(HranaClient.Protocol.HRANA_2);
    }
}
