package dev.godwit.dialect.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * SQL functions the {@code sqlite3} shell provides and the JDBC driver lacks, registered on every connection Godwit
 * opens to a SQLite file, so that a migration {@code sqlite3 db < file} accepts runs through Godwit too. Today:
 * {@code REGEXP} ({@code X REGEXP Y} calls {@code regexp(Y, X)}: true when the pattern is found anywhere in X, as
 * the shell's; Java's pattern syntax, which agrees with the shell's on the usual classes, anchors and repetitions).
 * A separate class, so that the driver's classes load only once a SQLite connection exists.
 */
final class SqliteFunctions {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteFunctions.class);

    private SqliteFunctions() {
    }

    /** Registers the functions; a connection that is not the driver's own (a pool's proxy that hides it) is left as is. */
    static void register(Connection c) {
        try {
            Connection sqlite = c.isWrapperFor(SQLiteConnection.class) ? c.unwrap(SQLiteConnection.class) : c;
            Function.create(sqlite, "regexp", new Regexp(), 2, Function.FLAG_DETERMINISTIC);
        } catch (SQLException e) {
            LOG.debug("REGEXP not registered on {}: {}", c, e.getMessage());
        }
    }

    private static final class Regexp extends Function {
        private final Map<String, Pattern> compiled = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > 64;
            }
        };

        @Override
        protected void xFunc() throws SQLException {
            String pattern = value_text(0);
            String text = value_text(1);
            if (pattern == null || text == null) {
                result();
                return;
            }
            Pattern p = compiled.get(pattern);
            if (p == null) {
                try {
                    p = Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new SQLException("REGEXP: invalid pattern '" + pattern + "': " + e.getDescription());
                }
                compiled.put(pattern, p);
            }
            result(p.matcher(text).find() ? 1 : 0);
        }
    }
}
