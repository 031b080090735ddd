package dev.godwit.dialect;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where a JDBC engine's sessions get their connections when the application hands Godwit its own: a
 * {@link DataSource} (any pool) or one {@link Connection} the caller owns. Without one, each engine opens
 * connections from the URL itself. The engines share this port; the facade never asks which kind it is.
 */
public interface ConnectionProvider {
    /** A connection to migrate with; give it back with {@link #release}. */
    Connection open() throws SQLException;

    /** Gives back a connection from {@link #open}: a pool's connection is closed (returned), the caller's kept. */
    void release(Connection connection) throws SQLException;

    /**
     * Whether every {@link #open} hands out the same connection, the caller's: sessions then take no second
     * connection (a SQLite lease row is written by a connection of Godwit's own, or, in memory, not needed).
     */
    boolean singleConnection();

    /** Connections from {@code dataSource}, each closed (returned to its pool) when Godwit is done with it. */
    static ConnectionProvider of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new ConnectionProvider() {
            @Override
            public Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void release(Connection connection) throws SQLException {
                connection.close();
            }

            @Override
            public boolean singleConnection() {
                return false;
            }

            @Override
            public String toString() {
                return "DataSource " + dataSource.getClass().getSimpleName();
            }
        };
    }

    /**
     * The caller's own connection, never closed by Godwit; its auto-commit setting is put back after each use.
     * This is how an in-memory SQLite database is migrated.
     */
    static ConnectionProvider borrowing(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new ConnectionProvider() {
            private boolean autoCommit = true;

            @Override
            public Connection open() throws SQLException {
                autoCommit = connection.getAutoCommit();
                return connection;
            }

            @Override
            public void release(Connection c) throws SQLException {
                if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                    c.setAutoCommit(autoCommit);
                }
            }

            @Override
            public boolean singleConnection() {
                return true;
            }

            @Override
            public String toString() {
                return "the caller's connection";
            }
        };
    }

    /**
     * The database these connections reach, read from the connection's metadata: SQLite (a file, or
     * {@code :memory:}) or PostgreSQL. Any other engine is refused.
     */
    default DatabaseUrl target() {
        Connection c;
        try {
            c = open();
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.DATABASE, "cannot get a connection from " + this + ": "
                    + DatabaseUrlText.redact(e.getMessage()), "check that the database is reachable", e);
        }
        try {
            DatabaseMetaData meta = c.getMetaData();
            return DatabaseUrl.detected(meta.getDatabaseProductName(), meta.getURL());
        } catch (SQLException e) {
            throw new GodwitException(ErrorCode.DATABASE, "cannot read the connection's metadata: "
                    + DatabaseUrlText.redact(e.getMessage()), "check that the database is reachable", e);
        } finally {
            try {
                release(c);
            } catch (SQLException e) {
                // the connection was only read; a failure to give it back is not the caller's problem here
                org.slf4j.LoggerFactory.getLogger(ConnectionProvider.class).debug("releasing: {}", e.getMessage());
            }
        }
    }
}
