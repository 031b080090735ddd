package dev.godwit.dialect.sqlite;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to SQLite files through xerial's driver itself, not {@link DriverManager}: asking DriverManager first
 * loads and starts every JDBC driver on the class path (the PostgreSQL driver too, on a SQLite run). Falls back to
 * DriverManager when that driver class is not to be found (another SQLite driver registered for
 * {@code jdbc:sqlite:}), so its "No suitable driver" still says what is missing.
 */
final class SqliteDriver {
    private static final Driver XERIAL = load();

    private SqliteDriver() {
    }

    static Connection open(String url, Properties properties) throws SQLException {
        if (XERIAL != null) {
            Connection c = XERIAL.connect(url, properties);
            if (c != null) {
                return c;
            }
        }
        return DriverManager.getConnection(url, properties);
    }

    static Connection open(String url) throws SQLException {
        return open(url, new Properties());
    }

    private static Driver load() {
        try {
            return (Driver) Class.forName("org.sqlite.JDBC", true, SqliteDriver.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }
}
