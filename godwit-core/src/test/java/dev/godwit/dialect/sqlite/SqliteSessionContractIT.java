package dev.godwit.dialect.sqlite;

import dev.godwit.GodwitConfig;
import dev.godwit.dialect.DatabaseSessionContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The session contract on SQLite files: a new file per test. */
class SqliteSessionContractIT extends DatabaseSessionContract {
    @TempDir
    Path dir;

    @Override
    protected GodwitConfig.Builder freshTarget(String name) {
        return GodwitConfig.builder().url("sqlite:" + dir.resolve(name + ".db")).migrations(dir);
    }
}
