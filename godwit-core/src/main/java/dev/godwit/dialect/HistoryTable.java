package dev.godwit.dialect;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The history table's shape, shared by every engine so that a database can move between them (a local SQLite or
 * libSQL file and a libSQL server, say). Portable types: SQLite and PostgreSQL read them alike.
 */
public final class HistoryTable {
    /** The columns, in the order every engine reads and writes them. */
    public static final String COLUMNS = "version, description, script, checksum, down_sql, kind, applied_at, "
            + "applied_by, execution_ms, success, note";

    /**
     * The table that keeps what the last run with nothing to do found, next to a history table:
     * {@code godwit_history} → {@code godwit_uptodate}.
     *
     * @param historyTable the history table's name
     * @return the table's name
     */
    public static String upToDateTable(String historyTable) {
        return (historyTable.endsWith("_history")
                ? historyTable.substring(0, historyTable.length() - "_history".length()) : historyTable)
                + "_uptodate";
    }

    private HistoryTable() {
    }

    /**
     * Refuses a table of the configured name that is not a Godwit history table (another tool's
     * {@code schema_migrations}, say): reading or writing it as history would fail half-way or corrupt it.
     *
     * @param table   the table as messages name it
     * @param present the table's columns, as the database lists them
     */
    public static void requireOurs(String table, Collection<String> present) {
        List<String> names = present.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        List<String> missing = Arrays.stream(COLUMNS.split(", ")).filter(c -> !names.contains(c)).toList();
        if (missing.isEmpty()) {
            return;
        }
        throw new GodwitException(ErrorCode.CONFIGURATION, "table " + table + " exists but is not a Godwit history "
                + "table: its columns are " + String.join(", ", present) + " (missing " + String.join(", ", missing)
                + "); probably another tool's migration history. Nothing was changed",
                "name another table for Godwit's history with --table (default godwit_history); to take over that "
                        + "tool's history, run 'godwit import --from TOOL' (flyway, golang-migrate, sqlx, diesel, "
                        + "dbmate, goose, rails, umzug, schema-version), which reads it without changing it");
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
