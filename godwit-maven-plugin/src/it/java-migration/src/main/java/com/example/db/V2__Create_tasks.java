package com.example.db;

import dev.godwit.migration.JavaMigration;
import java.sql.Statement;

public final class V2__Create_tasks implements JavaMigration {
    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "create tasks";
    }

    @Override
    public void up(Context context) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES users (id))");
        }
    }
}
