package dev.godwit.dialect.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code COPY … FROM stdin} with inline data, sent through pgjdbc's {@code CopyManager}. Reached by reflection so
 * that the library compiles and loads without the driver; the driver is there whenever a connection is.
 */
final class CopyIn {
    private CopyIn() {
    }

    /** Runs the COPY statement feeding it {@code data}; returns the number of rows copied. */
    static long run(Connection c, String sql, String data) throws SQLException {
        Object api;
        Method copyIn;
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", true, c.getClass().getClassLoader());
            Object pg = c.unwrap(pgConnection);
            api = pgConnection.getMethod("getCopyAPI").invoke(pg);
            copyIn = Class.forName("org.postgresql.copy.CopyManager", true, c.getClass().getClassLoader())
                    .getMethod("copyIn", String.class, java.io.Reader.class);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("COPY FROM stdin needs pgjdbc's copy API, which is not available: " + e, e);
        }
        try {
            return (Long) copyIn.invoke(api, sql, new StringReader(data));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof IOException io) {
                throw new SQLException("COPY data could not be sent: " + io.getMessage(), "08006", io);
            }
            throw new SQLException("COPY failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new SQLException("COPY FROM stdin: pgjdbc's copy API is not accessible: " + e, e);
        }
    }
}
