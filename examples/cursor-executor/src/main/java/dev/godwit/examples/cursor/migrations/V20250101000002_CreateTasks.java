package dev.godwit.examples.cursor.migrations;

/** The task queue. */
public final class V20250101000002_CreateTasks extends CreateTable {
    /** The migration. */
    public V20250101000002_CreateTasks() {
        super("20250101000002", "tasks", "id INTEGER PRIMARY KEY AUTOINCREMENT, prompt TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, uuid TEXT");
    }
}
