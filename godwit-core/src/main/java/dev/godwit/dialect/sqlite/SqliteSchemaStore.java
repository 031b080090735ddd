package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.drift.RecordedSchema;
import dev.godwit.drift.SchemaObject;
import dev.godwit.drift.SchemaSnapshot;
import dev.godwit.drift.SchemaStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of a SQLite file from {@code sqlite_master} (the SQL of each table, index, view and trigger) and
 * {@code PRAGMA table_xinfo} (each column's type, NOT NULL, default and key), on a connection of its own. The
 * record keeps the file's {@code schema_version} (SQLite changes it with every change of schema, Godwit's own tables
 * included) as it was when the recorded schema was read: while it is unchanged, the schema is the one recorded and
 * need not be read again ({@link #unchangedSinceRecorded}).
 */
final class SqliteSchemaStore implements SchemaStore {
    private final Path file;
    private final String table;
    private final Set<String> own;
    private final long busyMillis;
    private Connection connection;
    /** The snapshot {@link #read} returned last, and the schema_version it was read at (null: it changed meanwhile). */
    private SchemaSnapshot lastRead;
    private Long lastReadAt;

    private final GodwitConfig config;

    /** The connection of the session this store reads on (not closed with it), or null: a connection of its own. */
    private final java.util.function.Supplier<Connection> borrowed;

    SqliteSchemaStore(GodwitConfig config) {
        this(config, null);
    }

    /** A store that reads on {@code borrowed}'s connection (only reads: {@link #record} needs its own). */
    SqliteSchemaStore(GodwitConfig config, java.util.function.Supplier<Connection> borrowed) {
        this.borrowed = borrowed;
        this.config = config;
        this.file = config.url().sqlitePath();
        String history = config.table();
        this.table = SchemaStore.tableFor(history);
        this.own = Set.of(history.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT),
                SchemaStore.lockTableFor(history).toLowerCase(Locale.ROOT),
                dev.godwit.dialect.HistoryTable.upToDateTable(history).toLowerCase(Locale.ROOT));
        this.busyMillis = Math.max(1000, config.lockTimeout().toMillis());
    }

    @Override
    public boolean databaseExists() {
        return Files.isRegularFile(file);
    }

    private Connection connection() throws SQLException {
        if (connection == null && borrowed != null) {
            return borrowed.get();
        }
        if (connection == null) {
            connection = SqliteDriver.open("jdbc:sqlite:" + file);
            SqliteFunctions.register(connection, config);
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + busyMillis);
            }
        }
        return connection;
    }

    @Override
    public SchemaSnapshot read() {
        if (!databaseExists()) {
            return new SchemaSnapshot(List.of());
        }
        try {
            long before = schemaVersion();
            List<SchemaObject> objects = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (java.sql.Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                         + "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    String name = rs.getString(2);
                    if (own.contains(rs.getString(3).toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    objects.add(new SchemaObject(type, name, rs.getString(4)));
                    if (type.equals("table")) {
                        tables.add(name);
                    }
                }
            }
            for (String t : tables) {
                try (java.sql.Statement s = connection().createStatement();
                     ResultSet rs = s.executeQuery("PRAGMA table_xinfo(" + SqliteChecks.quote(t) + ")")) {
                    while (rs.next()) {
                        String type = rs.getString("type");
                        String dflt = rs.getString("dflt_value");
                        objects.add(new SchemaObject("column", t + "." + rs.getString("name"),
                                (type == null || type.isEmpty() ? "(no type)" : type)
                                        + (rs.getInt("notnull") != 0 ? " NOT NULL" : "")
                                        + (dflt == null ? "" : " DEFAULT " + dflt)
                                        + (rs.getInt("pk") != 0 ? " PRIMARY KEY " + rs.getInt("pk") : "")
                                        + (rs.getInt("hidden") != 0 ? " HIDDEN " + rs.getInt("hidden") : "")));
                    }
                }
            }
            lastRead = new SchemaSnapshot(objects);
            lastReadAt = schemaVersion() == before ? before : null; // changed while read: no stamp to trust
            return lastRead;
        } catch (SQLException e) {
            throw failure("read the schema of", e);
        }
    }

    @Override
    public Optional<RecordedSchema> recorded() {
        if (!databaseExists()) {
            return Optional.empty();
        }
        try {
            try (PreparedStatement p = connection().prepareStatement(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                p.setString(1, table);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (java.sql.Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT catalog, fingerprint, version, recorded_at FROM "
                         + SqliteChecks.quote(table) + " WHERE id = 1")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RecordedSchema(SchemaSnapshot.parse(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw failure("read the recorded schema of", e);
        }
    }

    @Override
    public Optional<Unchanged> unchangedSinceRecorded() {
        if (!databaseExists()) {
            return Optional.empty();
        }
        try {
            if (!hasStampColumn()) {
                return Optional.empty(); // no record, or one made before stamps: compared by reading
            }
            try (java.sql.Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, " + STAMP + " FROM " + SqliteChecks.quote(table)
                         + " WHERE id = 1")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String version = rs.getString(1);
                long stamp = rs.getLong(2);
                boolean stamped = !rs.wasNull();
                return stamped && stamp == schemaVersion() ? Optional.of(new Unchanged(version)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the recorded schema of", e);
        }
    }

    /**
     * Replaces the record in one write transaction; its schema_version is the file's after the record table's own
     * change, kept only when {@code snapshot} is the one {@link #read} returned last and nothing else changed the
     * schema since (the transaction keeps other writers out while the table is made).
     */
    @Override
    public void record(SchemaSnapshot snapshot, String version, String recordedAt) {
        if (borrowed != null) {
            throw new IllegalStateException("a store on a session's connection only reads");
        }
        try (java.sql.Statement s = connection().createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                long before = schemaVersion();
                s.execute("CREATE TABLE IF NOT EXISTS " + SqliteChecks.quote(table) + " (id INTEGER PRIMARY KEY "
                        + "CHECK (id = 1), fingerprint TEXT NOT NULL, catalog TEXT NOT NULL, version TEXT, "
                        + "recorded_at TEXT NOT NULL, " + STAMP + " INTEGER)");
                if (!hasStampColumn()) { // a record table made before stamps
                    s.execute("ALTER TABLE " + SqliteChecks.quote(table) + " ADD COLUMN " + STAMP + " INTEGER");
                }
                boolean asRead = snapshot == lastRead && lastReadAt != null && lastReadAt == before;
                try (PreparedStatement p = connection().prepareStatement("INSERT OR REPLACE INTO "
                        + SqliteChecks.quote(table) + " (id, fingerprint, catalog, version, recorded_at, " + STAMP
                        + ") VALUES (1, ?, ?, ?, ?, ?)")) {
                    p.setString(1, snapshot.fingerprint());
                    p.setString(2, snapshot.canonical());
                    p.setString(3, version);
                    p.setString(4, recordedAt);
                    if (asRead) {
                        p.setLong(5, schemaVersion());
                    } else {
                        p.setNull(5, java.sql.Types.INTEGER);
                    }
                    p.executeUpdate();
                }
                s.execute("COMMIT");
            } catch (SQLException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // the failure that matters is e
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("record the schema of", e);
        }
    }

    /** The record's column for the schema_version its schema was read at. */
    private static final String STAMP = "schema_version";

    private boolean hasStampColumn() throws SQLException {
        try (PreparedStatement p = connection().prepareStatement(
                "SELECT 1 FROM pragma_table_info(?) WHERE name = '" + STAMP + "'")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The file's schema cookie, which SQLite changes with every change of schema. */
    private long schemaVersion() throws SQLException {
        try (java.sql.Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("PRAGMA schema_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private GodwitException failure(String doing, SQLException e) {
        return new GodwitException(ErrorCode.DATABASE, "could not " + doing + " " + file + ": " + e.getMessage(),
                "check that the file is readable and writable", e);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a read connection: nothing to lose
            }
        }
    }
}
