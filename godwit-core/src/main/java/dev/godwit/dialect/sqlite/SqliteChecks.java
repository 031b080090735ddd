package dev.godwit.dialect.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check}, with rows described for people. */
final class SqliteChecks {
    /** How many offending rows a message names before saying "and N more". */
    static final int SHOWN = 10;

    private SqliteChecks() {
    }

    /**
     * One row of {@code foreign_key_check}: a row of {@code table} whose foreign key {@code fkid} names no row
     * of {@code parent}.
     *
     * @param rowid null for WITHOUT ROWID tables
     */
    record Violation(String table, Long rowid, String parent, int fkid) {
    }

    static List<Violation> foreignKeyViolations(Connection c) throws SQLException {
        List<Violation> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                long rowid = rs.getLong(2);
                out.add(new Violation(rs.getString(1), rs.wasNull() ? null : rowid, rs.getString(3), rs.getInt(4)));
            }
        }
        return out;
    }

    /** Those of {@code now} that are not in {@code before}. */
    static List<Violation> added(List<Violation> now, List<Violation> before) {
        Set<Violation> known = new HashSet<>(before);
        return now.stream().filter(v -> !known.contains(v)).toList();
    }

    /**
     * One line per violation (at most {@link #SHOWN}), e.g. {@code posts rowid 2: user_id=99 -> users(id): no
     * such row}.
     */
    static String describe(Connection c, List<Violation> violations) {
        StringBuilder b = new StringBuilder();
        for (Violation v : violations.subList(0, Math.min(SHOWN, violations.size()))) {
            b.append("\n    ").append(describe(c, v));
        }
        if (violations.size() > SHOWN) {
            b.append("\n    ... and ").append(violations.size() - SHOWN).append(" more (PRAGMA foreign_key_check)");
        }
        return b.toString();
    }

    private static String describe(Connection c, Violation v) {
        String where = v.table() + (v.rowid() == null ? "" : " rowid " + v.rowid());
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq")) {
            ps.setString(1, v.table());
            ps.setInt(2, v.fkid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    from.add(rs.getString(1));
                    to.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            return where + " -> " + v.parent() + ": no such row";
        }
        String values = from.isEmpty() || v.rowid() == null ? String.join(", ", from) : valuesOf(c, v, from);
        boolean parentKey = to.stream().allMatch(t -> t == null);
        return where + ": " + values + " -> " + v.parent()
                + (parentKey ? "" : "(" + String.join(", ", to) + ")") + ": no such row";
    }

    private static String valuesOf(Connection c, Violation v, List<String> columns) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(quote(columns.get(i)));
        }
        sql.append(" FROM ").append(quote(v.table())).append(" WHERE rowid = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, v.rowid());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return String.join(", ", columns);
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    parts.add(columns.get(i) + "=" + rs.getString(i + 1));
                }
                return String.join(", ", parts);
            }
        } catch (SQLException e) {
            return String.join(", ", columns);
        }
    }

    /** What {@code PRAGMA integrity_check} reports; empty when it says ok. */
    static List<String> integrityProblems(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
