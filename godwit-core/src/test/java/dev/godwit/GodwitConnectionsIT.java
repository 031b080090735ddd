package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.dialect.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's own connections: a DataSource (any pool) or one connection the caller owns. */
class GodwitConnectionsIT {
    @TempDir
    Path dir;

    @BeforeEach
    void writeMigrations() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve("1_users.sql"),
                "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
                        + "-- migrate:down\nDROP TABLE users;\n");
        Files.writeString(dir.resolve("db").resolve("2_posts.sql"),
                "-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE posts;\n");
    }

    @Test
    void migratesAnInMemorySqliteDatabaseThroughTheCallersConnectionAndLeavesItOpen() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Godwit godwit = Godwit.create(GodwitConfig.builder().connection(c).migrations(dir.resolve("db")).build());

            RunResult run = godwit.up();

            assertThat(run.steps()).hasSize(2);
            assertThat(c.isClosed()).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(count(c, "SELECT count(*) FROM godwit_history")).isEqualTo(2);
            c.createStatement().execute("INSERT INTO users (name) VALUES ('ada')");
            assertThat(godwit.status().entries()).isNotEmpty();
            assertThat(godwit.up().steps()).isEmpty();
            assertThat(dir.resolve(":memory:")).doesNotExist();
        }
    }

    @Test
    void detectsSqliteFromAPooledDataSourceAndReturnsEveryConnection() throws SQLException {
        Path file = dir.resolve("app.db");
        CountingDataSource pool = new CountingDataSource("jdbc:sqlite:" + file);
        Godwit godwit = Godwit.create(GodwitConfig.builder().dataSource(pool).migrations(dir.resolve("db"))
                .backups(Backups.OFF).build());

        assertThat(godwit.dialect().name()).isEqualTo("sqlite");
        godwit.up(Up.to("1"));
        godwit.up();

        assertThat(pool.open.get()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT count(*) FROM godwit_history")).isEqualTo(2);
        }
    }

    @Test
    void detectsPostgresFromADataSourceAndMigratesIt() throws SQLException {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            CountingDataSource pool = new CountingDataSource(null) {
                @Override
                public Connection getConnection() throws SQLException {
                    open.incrementAndGet();
                    return track(db.connect());
                }
            };
            Godwit godwit = Godwit.create(GodwitConfig.builder().dataSource(pool).migrations(dir.resolve("db"))
                    .build());

            assertThat(godwit.dialect().name()).isEqualTo("postgresql");
            assertThat(godwit.up().steps()).hasSize(2);
            assertThat(godwit.down(Down.one()).steps()).hasSize(1);

            assertThat(pool.open.get()).isZero();
            assertThat(db.tableExists("public", "users")).isTrue();
            assertThat(db.scalar("SELECT count(*) FROM godwit_history")).isEqualTo("1");
        }
    }

    @Test
    void refusesAUrlAndAConnectionTogether() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThatThrownBy(() -> GodwitConfig.builder().url("sqlite:x.db").connection(c).build())
                    .isInstanceOfSatisfying(GodwitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A stand-in for a pool: counts connections handed out and not yet given back. */
    static class CountingDataSource implements DataSource {
        final AtomicInteger open = new AtomicInteger();
        private final String url;

        CountingDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            open.incrementAndGet();
            return track(DriverManager.getConnection(url));
        }

        Connection track(Connection c) {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && !c.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
