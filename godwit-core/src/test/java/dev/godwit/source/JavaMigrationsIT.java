package dev.godwit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.Backups;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.libsql.LibsqlServers;
import dev.godwit.dialect.libsql.TestServer;
import dev.godwit.dialect.postgres.PostgresTestDatabase;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.JavaMigration;
import dev.godwit.plan.PlanRequest;
import dev.godwit.source.fixtures.V2__Tasks;
import dev.godwit.source.fixtures.V3__Seed;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java migrations and class path locations, mixed with SQL files, on real databases. */
class JavaMigrationsIT {
    @TempDir
    Path dir;

    @BeforeEach
    void writeSql() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve("1_settings.sql"),
                "-- migrate:up\nCREATE TABLE system_settings (id INTEGER PRIMARY KEY);\n"
                        + "-- migrate:down\nDROP TABLE system_settings;\n");
    }

    private GodwitConfig.Builder sqlite() {
        return GodwitConfig.builder().url("sqlite:" + dir.resolve("app.db")).migrations(dir.resolve("db"))
                .backups(Backups.OFF);
    }

    @Test
    void javaMigrationsFromAPackageRunBetweenSqlMigrationsInOneHistory() throws SQLException {
        Godwit godwit = Godwit.create(sqlite().source(JavaMigrations.inPackage("dev.godwit.source.fixtures",
                getClass().getClassLoader())).build());

        assertThat(godwit.up().steps()).hasSize(3);

        List<AppliedMigration> history = godwit.history();
        assertThat(history).extracting(AppliedMigration::kind).containsExactly("sql", "java", "java");
        assertThat(history.get(1).script()).isEqualTo("java:dev.godwit.source.fixtures.V2__Tasks");
        assertThat(scalar("SELECT prompt FROM tasks")).isEqualTo("hello");
        assertThat(godwit.status().problems()).isEmpty();
    }

    @Test
    void aFailingJavaMigrationRollsBackWithItsHistoryRow() {
        JavaMigration failing = new Registered("2", "half done", null) {
            @Override
            public void up(Context context) throws Exception {
                try (Statement s = context.connection().createStatement()) {
                    s.execute("CREATE TABLE half (id INTEGER)");
                }
                throw new IllegalStateException("the network went away");
            }
        };
        Godwit godwit = Godwit.create(sqlite().source(JavaMigrations.of(failing)).build());

        assertThatThrownBy(godwit::up).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).contains("the network went away").contains("rolled back");
        });
        assertThat(godwit.history()).hasSize(1);
        assertThatThrownBy(() -> scalar("SELECT count(*) FROM half")).hasMessageContaining("no such table");
    }

    @Test
    void validateComparesTheDeclaredChecksum() {
        Godwit.create(sqlite().source(JavaMigrations.of(new Registered("2", "declared", "v1"))).build()).up();

        Godwit edited = Godwit.create(sqlite().source(JavaMigrations.of(new Registered("2", "declared", "v2")))
                .build());

        assertThat(edited.status().problems()).hasSize(1);
        assertThatThrownBy(edited::up).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.getMessage()).contains("changed since it was applied"));
    }

    @Test
    void rollsBackAJavaMigrationWithItsDown() throws SQLException {
        Godwit godwit = Godwit.create(sqlite().source(JavaMigrations.of(new V2__Tasks())).build());
        godwit.up();

        godwit.down(PlanRequest.Down.one());

        assertThat(godwit.history()).hasSize(1);
        assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'tasks'")).isEqualTo("0");
    }

    @Test
    void readsSqlAndJavaMigrationsFromAJarOnTheClassPath() throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "db/migration/1_settings.sql", "-- migrate:up\nCREATE TABLE system_settings (id INTEGER);\n"
                    .getBytes());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:" + dir.resolve("jar.db"))
                    .backups(Backups.OFF).classLoader(loader).locations("classpath:db/migration")
                    .source(JavaMigrations.inPackage("dev.godwit.source.fixtures", loader)).build());

            assertThat(godwit.up().steps()).hasSize(3);
            assertThat(godwit.history()).extracting(AppliedMigration::script)
                    .containsExactly("1_settings.sql", "java:dev.godwit.source.fixtures.V2__Tasks",
                            "java:dev.godwit.source.fixtures.V3__Seed");
        }
    }

    @Test
    void findsJavaMigrationsInsideAJar() throws Exception {
        Path jar = dir.resolve("classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : List.of(V2__Tasks.class, V3__Seed.class)) {
                String name = c.getName().replace('.', '/') + ".class";
                try (var in = c.getClassLoader().getResourceAsStream(name)) {
                    put(out, name, in.readAllBytes());
                }
            }
        }
        // a loader that does not delegate, so that the classes are read from the jar
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                JavaMigration.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return findResource(name);
            }

            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                return findResources(name);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.godwit.source.fixtures.")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }) {
            var set = JavaMigrations.inPackage("dev.godwit.source.fixtures", loader).load();

            assertThat(set.checked()).extracting(m -> m.version().text()).containsExactly("2", "3");
            assertThat(set.checked().get(0).up()).isInstanceOfSatisfying(dev.godwit.migration.JavaBody.class,
                    b -> assertThat(b.migration().getClass().getClassLoader()).isSameAs(loader));
        }
    }

    @Test
    void aVersionInTwoLocationsIsAnErrorNamingBoth() throws IOException {
        Files.createDirectories(dir.resolve("more"));
        Files.writeString(dir.resolve("more").resolve("1_other.sql"), "-- migrate:up\nSELECT 1;\n");
        Godwit godwit = Godwit.create(sqlite().locations(dir.resolve("db").toString(), "filesystem:"
                + dir.resolve("more")).build());

        assertThatThrownBy(godwit::migrations).isInstanceOfSatisfying(GodwitException.class, e -> assertThat(
                e.getMessage()).contains("version 1 is used twice").contains("1_other.sql").contains("1_settings.sql"));
    }

    @Test
    void javaMigrationsRunOnPostgres() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Godwit godwit = Godwit.create(GodwitConfig.builder().url(db.url()).migrations(dir.resolve("db"))
                    .source(JavaMigrations.of(new V2__Tasks(), new V3__Seed())).build());

            godwit.up();

            assertThat(db.scalar("SELECT prompt FROM tasks")).isEqualTo("hello");
            assertThat(db.scalar("SELECT kind FROM godwit_history WHERE version = '2'")).isEqualTo("java");
        }
    }

    /** A Java migration that runs without a transaction: {@code sql} statement by statement, in auto-commit. */
    static JavaMigration withoutTransaction(String version, String... sql) {
        return new Registered(version, "without a transaction", null) {
            @Override
            public void up(Context context) throws Exception {
                assertThat(context.connection().getAutoCommit()).isTrue();
                try (Statement s = context.connection().createStatement()) {
                    for (String statement : sql) {
                        s.execute(statement);
                    }
                }
            }

            @Override
            public boolean transactional() {
                return false;
            }
        };
    }

    @Test
    void aJavaMigrationWithoutATransactionRunsVacuumOnSqliteAndIsRecordedAsJava() throws SQLException {
        Godwit godwit = Godwit.create(sqlite().source(JavaMigrations.of(withoutTransaction("2",
                "CREATE TABLE notes (id INTEGER PRIMARY KEY)", "VACUUM"))).build());

        assertThat(godwit.up().steps()).hasSize(2);

        assertThat(godwit.history()).extracting(AppliedMigration::kind, AppliedMigration::success,
                AppliedMigration::note).containsExactly(org.assertj.core.groups.Tuple.tuple("sql", true, null),
                org.assertj.core.groups.Tuple.tuple("java", true, null));
        assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'notes'")).isEqualTo("1");
        assertThat(godwit.status().problems()).isEmpty();
    }

    @Test
    void aFailingJavaMigrationWithoutATransactionKeepsWhatItDidAndAFailedRow() throws SQLException {
        Godwit godwit = Godwit.create(sqlite().source(JavaMigrations.of(withoutTransaction("2",
                "CREATE TABLE notes (id INTEGER PRIMARY KEY)", "INSERT INTO missing VALUES (1)"))).build());

        assertThatThrownBy(godwit::up).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.getMessage()).contains("java:").contains("no such table: missing")
                    .contains("without a transaction");
            assertThat(e.hint()).contains("repair");
        });
        assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'notes'")).isEqualTo("1");
        assertThat(scalar("SELECT success FROM godwit_history WHERE version = '2'")).isEqualTo("0");
    }

    @Test
    void aJavaMigrationWithoutATransactionCreatesAnIndexConcurrentlyOnPostgres() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Godwit godwit = Godwit.create(GodwitConfig.builder().url(db.url()).migrations(dir.resolve("db"))
                    .source(JavaMigrations.of(withoutTransaction("2",
                            "CREATE INDEX CONCURRENTLY settings_id ON system_settings (id)"))).build());

            godwit.up();

            assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'settings_id'")).isEqualTo("1");
            assertThat(db.scalar("SELECT kind || ' ' || success FROM godwit_history WHERE version = '2'"))
                    .isEqualTo("java true");
        }
    }

    @Test
    void inATransactionPostgresRefusesCreateIndexConcurrentlyFromJava() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            JavaMigration inTransaction = new Registered("2", "in a transaction", null) {
                @Override
                public void up(Context context) throws Exception {
                    try (Statement s = context.connection().createStatement()) {
                        s.execute("CREATE INDEX CONCURRENTLY settings_id ON system_settings (id)");
                    }
                }
            };
            Godwit godwit = Godwit.create(GodwitConfig.builder().url(db.url()).migrations(dir.resolve("db"))
                    .source(JavaMigrations.of(inTransaction)).build());

            assertThatThrownBy(godwit::up).isInstanceOf(GodwitException.class)
                    .hasMessageContaining("cannot run inside a transaction block");
            assertThat(db.scalar("SELECT count(*) FROM godwit_history WHERE version = '2'")).isEqualTo("0");
        }
    }

    @Test
    void remoteLibsqlRefusesJavaMigrationsBeforeAnyChange() {
        try (TestServer server = LibsqlServers.start(LibsqlServers.Kind.SQLD)) {
            Godwit godwit = Godwit.create(GodwitConfig.builder().url(server.url()).migrations(dir.resolve("db"))
                    .source(JavaMigrations.of(new V2__Tasks())).build());

            assertThatThrownBy(godwit::up).isInstanceOfSatisfying(GodwitException.class, e -> assertThat(
                    e.getMessage()).contains("runs SQL only").contains("java:dev.godwit.source.fixtures.V2__Tasks"));
            assertThat(godwit.history()).isEmpty();
        }
    }

    /** Adds an entry and, as jar tools do, its folders first (class loaders find folders by their entries). */
    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        String[] parts = name.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            folder.append(parts[i]).append('/');
            try {
                out.putNextEntry(new JarEntry(folder.toString()));
                out.closeEntry();
            } catch (java.util.zip.ZipException duplicate) {
                // the folder is in the jar already
            }
        }
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A migration registered in code. */
    static class Registered implements JavaMigration {
        private final String version;
        private final String description;
        private final String checksum;

        Registered(String version, String description, String checksum) {
            this.version = version;
            this.description = description;
            this.checksum = checksum;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public String checksum() {
            return checksum;
        }

        @Override
        public void up(Context context) throws Exception {
            try (Statement s = context.connection().createStatement()) {
                s.execute("CREATE TABLE registered_" + version + " (id INTEGER)");
            }
        }
    }
}
