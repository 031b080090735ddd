package dev.godwit.dialect.libsql;

import dev.godwit.GodwitConfig;
import dev.godwit.dialect.DatabaseSessionContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session contract on remote libSQL (sqld): one server for the class, a history table per test. */
class SqldSessionContractIT extends DatabaseSessionContract {
    private TestServer server;

    @BeforeAll
    void startServer() {
        server = LibsqlServers.start(LibsqlServers.Kind.SQLD);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected GodwitConfig.Builder freshTarget(String name) {
        return GodwitConfig.builder().url(server.url()).migrations(Path.of("unused")).table("h_" + name);
    }
}
