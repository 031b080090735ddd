package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.SqliteFunction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.Codes;

/**
 * What every SQLite connection Godwit opens gets before a migration runs on it: the application's loadable
 * extensions and functions ({@link GodwitConfig#sqliteExtensions()}, {@link GodwitConfig#sqliteFunctions()}), and
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

    /**
     * Registers REGEXP and the application's functions and loads its extensions (load_extension is switched on
     * only while they load).
     *
     * @throws GodwitException ({@link ErrorCode#CONFIGURATION}) when an extension cannot be loaded or the
     *                         connection is not the driver's own, naming the file and SQLite's reason
     */
    static void register(Connection c, GodwitConfig config) throws SQLException {
        register(c);
        if (config.sqliteExtensions().isEmpty() && config.sqliteFunctions().isEmpty()) {
            return;
        }
        if (!c.isWrapperFor(SQLiteConnection.class)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite extensions and functions need the "
                    + "sqlite-jdbc driver's own connection, and " + c.getClass().getName() + " does not unwrap to "
                    + "one", "give Godwit a DataSource whose connections unwrap to org.sqlite.SQLiteConnection");
        }
        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
        for (SqliteFunction.Named f : config.sqliteFunctions()) {
            Function.create(sqlite, f.name(), new Application(f), f.arguments(), 0);
        }
        if (config.sqliteExtensions().isEmpty()) {
            return;
        }
        sqlite.getDatabase().enable_load_extension(true);
        try {
            for (Path extension : config.sqliteExtensions()) {
                try (PreparedStatement load = sqlite.prepareStatement("SELECT load_extension(?)")) {
                    load.setString(1, extension.toString());
                    load.executeQuery().close();
                    LOG.debug("loaded SQLite extension {}", extension);
                } catch (SQLException e) {
                    throw new GodwitException(ErrorCode.CONFIGURATION, "cannot load SQLite extension " + extension
                            + ": " + e.getMessage(), "give a SQLite loadable extension built for this platform "
                            + "(" + System.getProperty("os.name") + ", " + System.getProperty("os.arch")
                            + ") and its entry point named after the file (sqlite3_<name>_init)", e);
                }
            }
        } finally {
            sqlite.getDatabase().enable_load_extension(false);
        }
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

    /** An application's {@link SqliteFunction} as the driver calls it. */
    private static final class Application extends Function {
        private final SqliteFunction.Named function;

        Application(SqliteFunction.Named function) {
            this.function = function;
        }

        @Override
        protected void xFunc() throws SQLException {
            List<Object> arguments = new ArrayList<>(args());
            for (int i = 0; i < args(); i++) {
                arguments.add(switch (value_type(i)) {
                    case Codes.SQLITE_INTEGER -> value_long(i);
                    case Codes.SQLITE_FLOAT -> value_double(i);
                    case Codes.SQLITE_BLOB -> value_blob(i);
                    case Codes.SQLITE_NULL -> null;
                    default -> value_text(i);
                });
            }
            Object out;
            try {
                out = function.function().call(Collections.unmodifiableList(arguments));
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException(function.name() + "(): " + e.getMessage(), e);
            }
            if (out == null) {
                result();
            } else if (out instanceof Boolean b) {
                result(b ? 1 : 0);
            } else if (out instanceof Integer || out instanceof Long || out instanceof Short || out instanceof Byte) {
                result(((Number) out).longValue());
            } else if (out instanceof Number n) {
                result(n.doubleValue());
            } else if (out instanceof byte[] bytes) {
                result(bytes);
            } else {
                result(out.toString());
            }
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
