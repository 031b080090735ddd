package dev.godwit.dialect;

/**
 * The history table's shape, shared by every engine so that a database can move between them (a local SQLite or
 * libSQL file and a libSQL server, say). Portable types: SQLite and PostgreSQL read them alike.
 */
public final class HistoryTable {
    /** The columns, in the order every engine reads and writes them. */
    public static final String COLUMNS = "version, description, script, checksum, down_sql, kind, applied_at, "
            + "applied_by, execution_ms, success, note";

    private HistoryTable() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for a table name already quoted and qualified as the engine needs. */
    public static String createSql(String quotedName) {
        return "CREATE TABLE IF NOT EXISTS " + quotedName + " ("
                + "version TEXT NOT NULL PRIMARY KEY, "
                + "description TEXT NOT NULL, "
                + "script TEXT NOT NULL, "
                + "checksum TEXT, "
                + "down_sql TEXT, "
                + "kind TEXT NOT NULL, "
                + "applied_at TEXT NOT NULL, "
                + "applied_by TEXT NOT NULL, "
                + "execution_ms BIGINT NOT NULL, "
                + "success BOOLEAN NOT NULL, "
                + "note TEXT)";
    }
}
