package dev.godwit.examples.cursor.migrations;

/** System settings: key/value pairs. */
public final class V20250101000001_CreateSystemSettings extends CreateTable {
    /** The migration. */
    public V20250101000001_CreateSystemSettings() {
        super("20250101000001", "system_settings", "key TEXT PRIMARY KEY, value TEXT, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP");
    }
}
