package dev.godwit.examples.cursor.migrations;

/** Git credentials per provider. */
public final class V20250101000003_CreateGitCredentials extends CreateTable {
    /** The migration. */
    public V20250101000003_CreateGitCredentials() {
        super("20250101000003", "git_credentials", "id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, provider TEXT NOT NULL DEFAULT 'github', username TEXT, token TEXT NOT NULL, is_active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP");
    }
}
