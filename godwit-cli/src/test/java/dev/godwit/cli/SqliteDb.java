package dev.godwit.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a SQLite file the way a test wants to see it. */
final class SqliteDb {
    private SqliteDb() {
    }

    static List<String> query(Path db, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        b.append('|');
                    }
                    b.append(rs.getString(i));
                }
                rows.add(b.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    static void exec(Path db, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError("exec failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** User tables, sorted, without the history and lock tables. */
    static List<String> tables(Path db) {
        return query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND name NOT IN ('godwit_history', 'godwit_lock', 'godwit_schema', 'godwit_uptodate') ORDER BY name");
    }

    /** Everything in the schema (type, name, sql), for before/after comparisons. */
    static List<String> schema(Path db) {
        return query(db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
    }

    static List<String> history(Path db) {
        return query(db, "SELECT version, success FROM godwit_history ORDER BY CAST(version AS INTEGER)");
    }
}
