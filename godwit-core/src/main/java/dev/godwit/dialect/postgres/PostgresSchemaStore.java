package dev.godwit.dialect.postgres;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.drift.RecordedSchema;
import dev.godwit.drift.SchemaObject;
import dev.godwit.drift.SchemaSnapshot;
import dev.godwit.drift.SchemaStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of one PostgreSQL schema ({@code --schema}) from the system catalogs: tables, columns (type, NOT NULL,
 * default), constraints, indexes, views, sequences, triggers, functions and enum/domain types. Objects of
 * extensions and Godwit's own tables are left out.
 */
final class PostgresSchemaStore implements SchemaStore {
    private static final String IN_SCHEMA = " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? ";
    private static final String NOT_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
            + "WHERE d.objid = %s AND d.deptype = 'e') ";

    private final PostgresUrl url;
    private final String schema;
    private final String table;
    private final Set<String> own;
    private final long lockTimeoutMillis;
    private Connection connection;

    PostgresSchemaStore(GodwitConfig config, PostgresUrl url) {
        this.url = url;
        this.schema = config.schema() == null ? PostgresSession.DEFAULT_SCHEMA : config.schema();
        this.table = SchemaStore.tableFor(config.table());
        this.own = Set.of(config.table(), table, dev.godwit.dialect.HistoryTable.upToDateTable(config.table()));
        this.lockTimeoutMillis = Math.max(1, config.lockTimeout().toMillis());
    }

    @Override
    public boolean databaseExists() {
        return true;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
            try (java.sql.Statement s = connection.createStatement()) {
                // catalog functions wait for locks on the objects they describe: never queue behind a long ALTER
                s.execute("SET lock_timeout = " + lockTimeoutMillis);
            }
        }
        return connection;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (PreparedStatement p = connection().prepareStatement(sql)) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    @Override
    public SchemaSnapshot read() {
        List<SchemaObject> objects = new ArrayList<>();
        try {
            query("SELECT c.relname, c.relkind, CASE WHEN c.relkind IN ('v', 'm') THEN "
                    + "pg_catalog.pg_get_viewdef(c.oid, true) ELSE c.relpersistence::text END "
                    + "FROM pg_catalog.pg_class c" + IN_SCHEMA + "AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                    + String.format(NOT_EXTENSION, "c.oid"), rs -> {
                        String name = rs.getString(1);
                        if (!own.contains(name) && !ownSequence(name)) {
                            objects.add(new SchemaObject(relkind(rs.getString(2)), name, rs.getString(3)));
                        }
                    });
            query("SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                    + "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated "
                    + "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                    + "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + IN_SCHEMA + "AND c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
                    + String.format(NOT_EXTENSION, "c.oid"), rs -> {
                        if (!own.contains(rs.getString(1))) {
                            String dflt = rs.getString(5);
                            String identity = rs.getString(6);
                            objects.add(new SchemaObject("column", rs.getString(1) + "." + rs.getString(2),
                                    rs.getString(3) + (rs.getBoolean(4) ? " NOT NULL" : "")
                                            + (dflt == null ? "" : " DEFAULT " + dflt)
                                            + (identity == null || identity.isEmpty() ? "" : " IDENTITY " + identity)));
                        }
                    });
            query("SELECT c.relname, con.conname, pg_catalog.pg_get_constraintdef(con.oid) "
                    + "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
                    + IN_SCHEMA, rs -> {
                        if (!own.contains(rs.getString(1))) {
                            objects.add(new SchemaObject("constraint", rs.getString(1) + "." + rs.getString(2),
                                    rs.getString(3)));
                        }
                    });
            query("SELECT t.relname, c.relname, pg_catalog.pg_get_indexdef(c.oid) FROM pg_catalog.pg_index i "
                    + "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
                    + "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid" + IN_SCHEMA, rs -> {
                        if (!own.contains(rs.getString(1))) {
                            objects.add(new SchemaObject("index", rs.getString(2), rs.getString(3)));
                        }
                    });
            query("SELECT c.relname, tg.tgname, pg_catalog.pg_get_triggerdef(tg.oid) FROM pg_catalog.pg_trigger tg "
                    + "JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid" + IN_SCHEMA + "AND NOT tg.tgisinternal",
                    rs -> objects.add(new SchemaObject("trigger", rs.getString(1) + "." + rs.getString(2),
                            rs.getString(3))));
            query("SELECT p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', "
                    + "md5(pg_catalog.pg_get_functiondef(p.oid)) FROM pg_catalog.pg_proc p "
                    + "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? "
                    + "AND p.prokind IN ('f', 'p')" + String.format(NOT_EXTENSION, "p.oid"),
                    rs -> objects.add(new SchemaObject("function", rs.getString(1), "md5 " + rs.getString(2))));
            query("SELECT t.typname, CASE t.typtype WHEN 'e' THEN 'enum (' || (SELECT string_agg(e.enumlabel, ', ' "
                    + "ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) || ')' "
                    + "ELSE 'domain ' || pg_catalog.format_type(t.typbasetype, t.typtypmod) END "
                    + "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                    + "WHERE n.nspname = ? AND t.typtype IN ('e', 'd')" + String.format(NOT_EXTENSION, "t.oid"),
                    rs -> objects.add(new SchemaObject("type", rs.getString(1), rs.getString(2))));
            return new SchemaSnapshot(objects);
        } catch (SQLException e) {
            throw failure("read the schema of", e);
        }
    }

    /** Sequences of Godwit's own tables (none today), named as PostgreSQL names a serial's sequence. */
    private boolean ownSequence(String name) {
        return own.stream().anyMatch(t -> name.startsWith(t + "_") && name.endsWith("_seq"));
    }

    private static String relkind(String k) {
        return switch (k) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "S" -> "sequence";
            case "f" -> "foreign table";
            default -> "table";
        };
    }

    private String qualified() {
        return PostgresSession.quote(schema) + "." + PostgresSession.quote(table);
    }

    @Override
    public Optional<RecordedSchema> recorded() {
        try {
            try (PreparedStatement p = connection().prepareStatement("SELECT 1 FROM pg_catalog.pg_class c"
                    + IN_SCHEMA + "AND c.relname = ?")) {
                p.setString(1, schema);
                p.setString(2, table);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (java.sql.Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT catalog, fingerprint, version, recorded_at FROM "
                         + qualified() + " WHERE id = 1")) {
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
    public void record(SchemaSnapshot snapshot, String version, String recordedAt) {
        try (java.sql.Statement s = connection().createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified() + " (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "fingerprint TEXT NOT NULL, catalog TEXT NOT NULL, version TEXT, recorded_at TEXT NOT NULL)");
            try (PreparedStatement p = connection().prepareStatement("INSERT INTO " + qualified()
                    + " (id, fingerprint, catalog, version, recorded_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) "
                    + "DO UPDATE SET fingerprint = EXCLUDED.fingerprint, catalog = EXCLUDED.catalog, "
                    + "version = EXCLUDED.version, recorded_at = EXCLUDED.recorded_at")) {
                p.setString(1, snapshot.fingerprint());
                p.setString(2, snapshot.canonical());
                p.setString(3, version);
                p.setString(4, recordedAt);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("record the schema of", e);
        }
    }

    private GodwitException failure(String doing, SQLException e) {
        return new GodwitException(ErrorCode.DATABASE, "could not " + doing + " PostgreSQL " + url.describe()
                + " (schema " + schema + "): " + e.getMessage(), "check the connection and the role's privileges", e);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a connection that only read and wrote the schema record: nothing to lose
            }
        }
    }
}
