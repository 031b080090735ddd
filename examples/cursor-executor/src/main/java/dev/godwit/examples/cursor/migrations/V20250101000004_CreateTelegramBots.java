package dev.godwit.examples.cursor.migrations;

/** Telegram bots. */
public final class V20250101000004_CreateTelegramBots extends CreateTable {
    /** The migration. */
    public V20250101000004_CreateTelegramBots() {
        super("20250101000004", "telegram_bots", "id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, token TEXT NOT NULL, webhook_secret TEXT, is_active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP");
    }
}
