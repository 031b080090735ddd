package dev.godwit.dialect.postgres;

import dev.godwit.GodwitConfig;
import dev.godwit.dialect.DatabaseSessionContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session contract on PostgreSQL: one database for the class, a schema per test. */
class PostgresSessionContractIT extends DatabaseSessionContract {
    private PostgresTestDatabase db;

    @BeforeAll
    void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected GodwitConfig.Builder freshTarget(String name) {
        return GodwitConfig.builder().url(db.url()).migrations(Path.of("unused")).schema(name);
    }
}
