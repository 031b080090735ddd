package dev.godwit.drift;

import java.util.Optional;

/**
 * An engine's view of its live schema and of the fingerprint Godwit recorded in a table of its own next to the
 * history table ({@link #tableFor}). Each engine that supports drift implements it on a connection of its own.
 */
public interface SchemaStore extends AutoCloseable {
    /** Whether the database exists; a store never creates it just to look. */
    boolean databaseExists();

    /** The live schema, Godwit's own tables (history, lock, schema record) and their indexes left out. */
    SchemaSnapshot read();

    /** The schema recorded after the last run; empty when none was recorded (or the database does not exist). */
    Optional<RecordedSchema> recorded();

    /**
     * The version the last run recorded, when the live schema is known without reading it to be the one recorded
     * then (SQLite: the file's {@code schema_version}, which SQLite changes with every change of schema, is the one
     * stored with the record); empty when that cannot be told cheaply, and then {@link #read} compares.
     */
    default Optional<Unchanged> unchangedSinceRecorded() {
        return Optional.empty();
    }

    /** The live schema is the one recorded after the run that reached {@code version} (null: none). */
    record Unchanged(String version) {
    }

    /** Records the schema (creating the table when missing), replacing the previous record. */
    void record(SchemaSnapshot snapshot, String version, String recordedAt);

    @Override
    void close();

    /** The schema table that goes with a history table: {@code godwit_history} → {@code godwit_schema}. */
    static String tableFor(String historyTable) {
        return historyTable.endsWith("_history")
                ? historyTable.substring(0, historyTable.length() - "_history".length()) + "_schema"
                : historyTable + "_schema";
    }

    /** The lock table of SQLite files, named as the lease names it: {@code godwit_history} → {@code godwit_lock}. */
    static String lockTableFor(String historyTable) {
        return historyTable.endsWith("_history")
                ? historyTable.substring(0, historyTable.length() - "_history".length()) + "_lock"
                : historyTable + "_lock";
    }
}
