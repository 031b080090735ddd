package dev.godwit.examples.cursor.migrations;

import dev.godwit.migration.JavaMigration;
import java.sql.Statement;

/** A migration that creates one table (idempotent: IF NOT EXISTS, as the seed asks) and drops it on the way down. */
abstract class CreateTable implements JavaMigration {
    private final String version;
    private final String table;
    private final String columns;

    CreateTable(String version, String table, String columns) {
        this.version = version;
        this.table = table;
        this.columns = columns;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "create " + table;
    }

    @Override
    public void up(Context context) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
        }
    }

    @Override
    public void down(Context context) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
