package dev.godwit.dialect.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import dev.godwit.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own on the test server, dropped on {@link #close()}. The server is {@code GODWIT_TEST_PG_URL}
 * when set, else one the tests start themselves ({@link TestPostgresServer}). When the server cannot be started or
 * reached the test fails with the reason; only {@code -Dgodwit.skipPostgres} skips it.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    private final PostgresUrl admin;
    private final String name;

    private PostgresTestDatabase(PostgresUrl admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /** The server URL tests use (a database on it is created per test class); starts the server on first use. */
    public static String serverUrl() {
        return TestPostgresServer.url();
    }

    /**
     * Creates {@code godwit_t_<random>}; fails the test with the reason when the server cannot be started or
     * reached (skips it only under {@code -Dgodwit.skipPostgres}).
     */
    public static PostgresTestDatabase create() {
        if (TestPostgresServer.skipped()) {
            Assumptions.abort("PostgreSQL tests skipped: -D" + TestPostgresServer.SKIP_PROPERTY + " was given");
        }
        String server = serverUrl();
        PostgresUrl admin = PostgresUrl.parse(DatabaseUrl.parse(server), null);
        String name = "godwit_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(admin, admin.database()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail("cannot create a test database on the PostgreSQL server at " + DatabaseUrl.redact(server) + " ("
                    + e.getMessage() + "); check GODWIT_TEST_PG_URL, or unset it to let the tests start a server",
                    e);
        }
        return new PostgresTestDatabase(admin, name);
    }

    private static Connection connect(PostgresUrl url, String database) throws SQLException {
        Properties p = url.connectionProperties();
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "godwit-test");
        return DriverManager.getConnection("jdbc:postgresql://" + url.hosts() + "/" + database, p);
    }

    public String name() {
        return name;
    }

    /** A {@code postgres://} URL of this database, password included. */
    public String url() {
        return "postgres://" + admin.user() + (admin.password() == null ? "" : ":" + admin.password()) + "@"
                + admin.hosts() + "/" + name;
    }

    /** The same URL without the password (give {@link #password()} as PGPASSWORD). */
    public String urlWithoutPassword() {
        return "postgres://" + admin.user() + "@" + admin.hosts() + "/" + name;
    }

    public String password() {
        return admin.password();
    }

    public Connection connect() throws SQLException {
        return connect(admin, name);
    }

    /**
     * A connection as the server's superuser {@code postgres}, which the embedded test server lets in from
     * 127.0.0.1 without a password, to the server's own database; for tests that change server or database settings.
     * Not available with GODWIT_TEST_PG_URL.
     */
    public Connection connectAsSuperuser() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "godwit-test");
        return DriverManager.getConnection("jdbc:postgresql://" + admin.hosts() + "/" + admin.database(), p);
    }

    /** Runs statements (autocommit). */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each column as text. */
    public List<List<String>> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or {@code null}. */
    public String scalar(String sql) {
        List<List<String>> r = rows(sql);
        return r.isEmpty() ? null : r.get(0).get(0);
    }

    public boolean tableExists(String schema, String table) {
        return !rows("SELECT 1 FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = '" + table + "'")
                .isEmpty();
    }

    /** The advisory lock key Godwit uses for a schema and history table of this database. */
    public long lockKey(String schema, String table) {
        return PostgresSession.lockKey(name, schema, table);
    }

    /** What {@code psql -f file} printed and its exit code. */
    public record ToolResult(int exitCode, String output) {
    }

    /** Runs {@code psql -X -v ON_ERROR_STOP=1 -f file} on this database. */
    public ToolResult psql(Path file) {
        return run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host(), "-p", port(), "-U",
                admin.user(), "-d", name, "-f", file.toAbsolutePath().toString()));
    }

    /**
     * {@code pg_dump} of schema and data without owners, privileges, the history table or the lines that differ
     * between two dumps of equal databases; for comparing a database migrated by Godwit with one by psql.
     */
    public String dump(String... excludeTables) {
        return pgDump(false, excludeTables);
    }

    /** Like {@link #dump}, schema only (for data with random keys or timestamps). */
    public String dumpSchema(String... excludeTables) {
        return pgDump(true, excludeTables);
    }

    private String pgDump(boolean schemaOnly, String... excludeTables) {
        List<String> cmd = new ArrayList<>(List.of("pg_dump", "--no-owner", "--no-privileges", "--no-comments",
                "-h", host(), "-p", port(), "-U", admin.user(), "-d", name));
        if (schemaOnly) {
            cmd.add("--schema-only");
        }
        for (String t : excludeTables) {
            cmd.add("--exclude-table=" + t);
        }
        ToolResult r = run(cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("pg_dump failed: " + r.output());
        }
        return r.output().lines()
                .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .filter(l -> !l.startsWith("-- Dumped"))
                .collect(Collectors.joining("\n"));
    }

    private ToolResult run(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (admin.password() != null) {
            pb.environment().put("PGPASSWORD", admin.password());
        }
        pb.environment().put("PGAPPNAME", "godwit-test-psql");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish");
            }
            return new ToolResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + " (is the PostgreSQL client installed?)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String host() {
        String h = admin.hosts().split(",")[0];
        int colon = h.lastIndexOf(':');
        return colon > 0 && !h.endsWith("]") ? h.substring(0, colon) : h;
    }

    private String port() {
        String h = admin.hosts().split(",")[0];
        int colon = h.lastIndexOf(':');
        return colon > 0 && !h.endsWith("]") ? h.substring(colon + 1) : "5432";
    }

    /**
     * Drops the database, ending any session still on it. An autovacuum worker that happens to be on the database
     * makes {@code WITH (FORCE)} fail for a role that is not a superuser ("must be a member of the role whose process
     * is being terminated": the worker has no role); it finishes or gives way within moments, so the drop is tried
     * again for a few seconds.
     */
    @Override
    public void close() {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect(admin, admin.database()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState()) || attempt == 25) {
                    throw new IllegalStateException("could not drop test database " + name, e);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dropping test database " + name, e);
            }
        }
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
