package dev.godwit;

import dev.godwit.dialect.ConnectionProvider;
import dev.godwit.source.MigrationLocations;
import dev.godwit.source.MigrationSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Everything a {@link Godwit} needs, fixed once built. Only {@link #builder()} creates one, so a new option never
 * breaks a caller. Validated when built: a bad value fails fast with {@link ErrorCode#CONFIGURATION}, never silently
 * corrected. The accessors are named after the values:
 *
 * <ul>
 *   <li>{@code url()}: the database
 *   <li>{@code migrations()}: the folder of migration files
 *   <li>{@code table()}: the history table's name
 *   <li>{@code schema()}: PostgreSQL schema for migrations and the history table ({@code null}: public)
 *   <li>{@code journalMode()}: SQLite journal mode for databases Godwit creates
 *   <li>{@code lockTimeout()}: how long to wait for another runner or a busy database
 *   <li>{@code authToken()}: bearer token for remote libSQL, or {@code null}; never shown
 *   <li>{@code password()}: password for server databases when the URL has none (the CLI passes
 *       {@code PGPASSWORD}), or {@code null}; never shown
 *   <li>{@code listener()}: progress callbacks
 *   <li>{@code clock()}: time source for history rows and new file names
 *   <li>{@code backups()}: backups of SQLite file databases before runs that change them
 *   <li>{@code requestTimeout()}: remote libSQL: how long to wait for the answer to one request (one migration)
 *   <li>{@code stopSignal()}: lets another thread stop a run early (see {@link StopSignal})
 *   <li>{@code locations()}: where migrations are read from: folders and {@code classpath:} folders (see
 *       {@link Builder#locations}); by default the {@code migrations} folder
 *   <li>{@code migrationSources()}: the sources of those locations, then further sources of migrations (Java
 *       migrations, migrations registered in code)
 *   <li>{@code connections()}: the application's connections (a DataSource or one connection it owns); empty:
 *       connections are opened from the URL
 *   <li>{@code callbacks()}: the application's code around runs and migrations
 *   <li>{@code sqliteExtensions()}: SQLite loadable extensions loaded into every SQLite connection Godwit opens
 *   <li>{@code sqliteFunctions()}: SQL functions the application registers on every SQLite connection Godwit opens
 * </ul>
 */
public final class GodwitConfig {
    /** The history table's name unless configured. */
    public static final String DEFAULT_TABLE = "godwit_history";
    /** How long a remote libSQL request may take unless configured: one migration travels as one request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> JOURNAL_MODES = Set.of("WAL", "DELETE", "TRUNCATE", "PERSIST", "MEMORY", "OFF");

    private final DatabaseUrl url;
    private final Path migrations;
    private final String table;
    private final String schema;
    private final String journalMode;
    private final Duration lockTimeout;
    private final String authToken;
    private final String password;
    private final GodwitListener listener;
    private final Clock clock;
    private final Backups backups;
    private final Duration requestTimeout;
    private final StopSignal stopSignal;
    private final ConnectionProvider connections;
    private final List<String> locations;
    private final List<MigrationSource> sources;
    private final ClassLoader classLoader;
    private final List<GodwitCallback> callbacks;
    private final boolean journalModeGiven;
    private final String format;
    private final java.util.Map<String, String> placeholders;
    private final List<Path> sqliteExtensions;
    private final List<SqliteFunction.Named> sqliteFunctions;
    private final String versionTable;

    private GodwitConfig(DatabaseUrl url, Path migrations, String table, String schema, String journalMode,
                         Duration lockTimeout, String authToken, String password, GodwitListener listener,
                         Clock clock, Backups backups, Duration requestTimeout, StopSignal stopSignal,
                         ConnectionProvider connections, List<String> locations, List<MigrationSource> sources,
                         ClassLoader classLoader, List<GodwitCallback> callbacks, boolean journalModeGiven,
                         String format, java.util.Map<String, String> placeholders, List<Path> sqliteExtensions,
                         List<SqliteFunction.Named> sqliteFunctions, String versionTable) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(stopSignal, "stopSignal");
        requireIdentifier("table", table, "--table");
        if (schema != null) {
            requireIdentifier("schema", schema, "--schema");
        }
        journalMode = journalMode == null ? "WAL" : journalMode.toUpperCase(Locale.ROOT);
        if (!JOURNAL_MODES.contains(journalMode)) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "unknown journal mode '" + journalMode + "'",
                    "use one of " + String.join(", ", JOURNAL_MODES.stream().sorted().toList()));
        }
        if (lockTimeout == null || lockTimeout.isNegative()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "lock timeout must be zero or more",
                    "e.g. --lock-timeout 60");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "request timeout must be more than zero",
                    "e.g. --request-timeout 120");
        }
        this.url = url;
        this.migrations = migrations;
        this.table = table;
        this.schema = schema;
        this.journalMode = journalMode;
        this.lockTimeout = lockTimeout;
        this.authToken = authToken;
        this.password = password;
        this.listener = listener;
        this.clock = clock;
        this.backups = backups;
        this.requestTimeout = requestTimeout;
        this.stopSignal = stopSignal;
        this.connections = connections;
        this.locations = List.copyOf(locations);
        this.sources = List.copyOf(sources);
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.callbacks = List.copyOf(callbacks);
        this.journalModeGiven = journalModeGiven;
        this.format = format == null ? dev.godwit.source.MigrationFormats.AUTO : format;
        dev.godwit.source.MigrationFormats.named(this.format, java.util.Map.of()); // an unknown name fails here
        this.placeholders = java.util.Map.copyOf(placeholders);
        this.sqliteExtensions = List.copyOf(sqliteExtensions);
        this.sqliteFunctions = List.copyOf(sqliteFunctions);
        if ((!sqliteExtensions.isEmpty() || !sqliteFunctions.isEmpty()) && url.kind() != DatabaseUrl.Kind.SQLITE) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite extensions and functions were given for "
                    + url.redacted() + ", which is not a SQLite file", "give them only for SQLite databases (in godwit.toml: load-extension inside the SQLite "
                    + "database's [databases.NAME] block)");
        }
        for (Path extension : sqliteExtensions) {
            if (!extensionExists(extension)) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite extension " + extension
                        + " does not exist", "check the path (--load-extension, load-extension in godwit.toml); "
                        + "relative paths are read from the working directory, or from godwit.toml's folder");
            }
        }
        if (versionTable != null) {
            requireIdentifier("version table", versionTable, "--version-table");
            if (versionTable.equalsIgnoreCase(table)) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "the version table and the history table are both "
                        + "named " + table, "name Godwit's history table another way (--table)");
            }
        }
        this.versionTable = versionTable;
    }

    /** As SQLite's {@code load_extension} finds it: the file as named, or with the platform's suffix added. */
    private static boolean extensionExists(Path file) {
        if (java.nio.file.Files.isRegularFile(file)) {
            return true;
        }
        for (String suffix : List.of(".so", ".dylib", ".dll")) {
            if (java.nio.file.Files.isRegularFile(Path.of(file + suffix))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLite loadable extensions loaded, in order, into every SQLite connection Godwit opens.
     *
     * @return the extension files
     */
    public List<Path> sqliteExtensions() {
        return sqliteExtensions;
    }

    /**
     * SQL functions registered on every SQLite connection Godwit opens (besides {@code REGEXP}, always there).
     *
     * @return the functions
     */
    public List<SqliteFunction.Named> sqliteFunctions() {
        return sqliteFunctions;
    }

    /**
     * The single-row version table kept beside history ({@code schema_version}, as hand-rolled runners keep one), or
     * {@code null}: read to adopt a database whose history is empty, and kept at the newest applied version in the
     * transaction of every history write.
     *
     * @return the table's name, or {@code null}
     */
    public String versionTable() {
        return versionTable;
    }

    /**
     * Whether the journal mode was set explicitly ({@link Builder#journalMode}): then it applies to existing SQLite
     * files too (e.g. switching one to WAL); otherwise only to files Godwit creates.
     *
     * @return whether it was given
     */
    public boolean journalModeGiven() {
        return journalModeGiven;
    }

    /**
     * The application's callbacks around runs and migrations, in the order added.
     *
     * @return the callbacks, in order
     */
    public List<GodwitCallback> callbacks() {
        return callbacks;
    }

    /**
     * The locations migrations are read from, as given ({@link Builder#locations}).
     *
     * @return the locations
     */
    public List<String> locations() {
        return locations;
    }

    /**
     * Every source of migrations, in the order given: one per location, then the sources added with
     * {@link Builder#source}. Their migrations form one ordered sequence; a version in two of them is a problem.
     *
     * @return the sources, in order
     */
    public List<MigrationSource> migrationSources() {
        List<MigrationSource> all = new java.util.ArrayList<>();
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("flyway:defaultSchema", schema != null ? schema
                : url.kind() == DatabaseUrl.Kind.POSTGRES ? "public" : "main");
        // the user the connection logs in as; SQLite and libSQL have none: empty, as Flyway gives on SQLite
        values.put("flyway:user", url.kind() == DatabaseUrl.Kind.POSTGRES
                ? dev.godwit.dialect.postgres.PostgresDialect.connectingUser(url) : "");
        values.putAll(placeholders);
        for (String location : locations) {
            all.add(MigrationLocations.of(location, classLoader, listener::warning, format, values));
        }
        all.addAll(sources);
        return List.copyOf(all);
    }

    /**
     * The class loader that sees {@code classpath:} locations.
     *
     * @return the class loader
     */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * The migration folder's format ({@code auto}: told from the folder); see {@code MigrationFormats}.
     *
     * @return the format's name
     */
    public String format() {
        return format;
    }

    /**
     * Values for {@code ${name}} placeholders in formats that have them (Flyway).
     *
     * @return placeholder names and values
     */
    public java.util.Map<String, String> placeholders() {
        return placeholders;
    }

    /** @return the database (read from the connection's metadata when connections are given) */
    public DatabaseUrl url() {
        return url;
    }

    /** @return the folder of migration files */
    public Path migrations() {
        return migrations;
    }

    /** @return the history table's name */
    public String table() {
        return table;
    }

    /** @return the PostgreSQL schema, or {@code null} for public */
    public String schema() {
        return schema;
    }

    /** @return the SQLite journal mode (upper case) */
    public String journalMode() {
        return journalMode;
    }

    /** @return how long to wait for another runner or a busy database */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** @return the bearer token for remote libSQL, or {@code null}; never show it */
    public String authToken() {
        return authToken;
    }

    /** @return the password for server databases when the URL has none, or {@code null} */
    public String password() {
        return password;
    }

    /** @return the listener of progress events */
    public GodwitListener listener() {
        return listener;
    }

    /** @return the time source for history rows and new file names */
    public Clock clock() {
        return clock;
    }

    /** @return the backups taken of SQLite files before runs that change them */
    public Backups backups() {
        return backups;
    }

    /** @return remote libSQL: how long to wait for one request */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the signal that stops runs early */
    public StopSignal stopSignal() {
        return stopSignal;
    }

    /**
     * The application's connections (from {@link Builder#dataSource} or {@link Builder#connection}); empty when
     * the engines open their own from the URL.
     *
     * @return the connections, or empty
     */
    public Optional<ConnectionProvider> connections() {
        return Optional.ofNullable(connections);
    }

    /**
     * Checks that a name given by the user is a plain SQL identifier.
     *
     * @param what what the name is, for the message
     * @param value the name
     * @param option the option that sets it, for the hint
     * @return the name
     */
    public static String requireIdentifier(String what, String value, String option) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "invalid " + what + " name '" + value + "'",
                    "use letters, digits and underscores, starting with a letter or underscore (" + option + ")");
        }
        return value;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "GodwitConfig[url=" + url.redacted() + ", migrations=" + migrations + ", table=" + table
                + ", schema=" + schema + ", journalMode=" + journalMode + ", lockTimeout=" + lockTimeout
                + ", authToken=" + (authToken == null ? "none" : "***")
                + ", password=" + (password == null ? "none" : "***") + ", backups=" + backups
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /** Builds a configuration with defaults: ./migrations, godwit_history, WAL, 60 s lock timeout,
     * a backup before each run that changes a SQLite file (newest five kept). */
    public static final class Builder {
        private String url;
        private Path migrations = Path.of("migrations");
        private String table = DEFAULT_TABLE;
        private String schema;
        private String journalMode = "WAL";
        private Duration lockTimeout = Duration.ofSeconds(60);
        private String authToken;
        private String password;
        private GodwitListener listener = GodwitListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Backups backups = Backups.DEFAULT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private StopSignal stopSignal = new StopSignal();
        private ConnectionProvider connections;
        private boolean folderGiven;
        private List<String> locations;
        private final List<MigrationSource> sources = new java.util.ArrayList<>();
        private ClassLoader classLoader;
        private final List<GodwitCallback> callbacks = new java.util.ArrayList<>();
        private boolean journalModeGiven;
        private String format;
        private java.util.Map<String, String> placeholders = java.util.Map.of();
        private String versionTable;
        private final List<Path> sqliteExtensions = new java.util.ArrayList<>();
        private final List<SqliteFunction.Named> sqliteFunctions = new java.util.ArrayList<>();

        /**
         * A single-row version table ({@code schema_version}: id 1, version, updated_at) to adopt a database from
         * when history is empty, and to keep at the newest applied version; {@code null} (the default): none.
         *
         * @param value the table's name, or {@code null}
         * @return this builder
         */
        public Builder versionTable(String value) {
            this.versionTable = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /**
         * Adds a SQLite loadable extension (a {@code .so}, {@code .dylib} or {@code .dll}; the suffix may be left
         * out, as SQLite allows) loaded into every SQLite connection Godwit opens, so that migrations can use its
         * functions and virtual tables. A file that does not exist fails {@link #build()}.
         *
         * @param value the extension file
         * @return this builder
         */
        public Builder sqliteExtension(Path value) {
            this.sqliteExtensions.add(Objects.requireNonNull(value, "extension"));
            return this;
        }

        /**
         * Adds each of {@code values} as {@link #sqliteExtension}.
         *
         * @param values the extension files
         * @return this builder
         */
        public Builder sqliteExtensions(List<Path> values) {
            values.forEach(this::sqliteExtension);
            return this;
        }

        /**
         * Registers a SQL function on every SQLite connection Godwit opens, for migrations that call a function
         * the application registers on its own connections.
         *
         * @param name      the name SQL calls it by
         * @param arguments how many arguments it takes ({@code -1}: any number)
         * @param function  the code (see {@link SqliteFunction})
         * @return this builder
         */
        public Builder sqliteFunction(String name, int arguments, SqliteFunction function) {
            this.sqliteFunctions.add(new SqliteFunction.Named(name, arguments, function));
            return this;
        }

        /**
         * The folder's format by name ({@code auto}, {@code godwit}, {@code flyway}, {@code goose}, …).
         *
         * @param value the format's name
         * @return this builder
         */
        public Builder format(String value) {
            this.format = value;
            return this;
        }

        /**
         * Values for {@code ${name}} placeholders (Flyway's {@code --placeholder NAME=VALUE}).
         *
         * @param value names and values
         * @return this builder
         */
        public Builder placeholders(java.util.Map<String, String> value) {
            this.placeholders = java.util.Map.copyOf(value);
            return this;
        }

        /**
         * The database URL ({@code sqlite:app.db}, {@code postgres://user@host/db}, {@code libsql://host}).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder url(String value) {
            this.url = value;
            return this;
        }

        /**
         * The folder of migration files (default {@code migrations}).
         *
         * @param value the folder
         * @return this builder
         */
        public Builder migrations(Path value) {
            this.migrations = value;
            this.folderGiven = true;
            return this;
        }

        /**
         * Where migrations are read from, replacing the folder: folders ({@code db/migrations} or
         * {@code filesystem:db/migrations}) and class path folders ({@code classpath:db/migration}, in directories
         * and jars). Their migrations form one ordered sequence; a version in two locations is an error naming both.
         *
         * @param values the locations
         * @return this builder
         */
        public Builder locations(String... values) {
            this.locations = List.of(values);
            return this;
        }

        /**
         * Adds a source of migrations read alongside the locations: Java migrations
         * ({@code JavaMigrations.inPackage(...)}, {@code JavaMigrations.of(...)}) or any other. With sources and no
         * folder or locations given, only the sources are read.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(MigrationSource value) {
            this.sources.add(Objects.requireNonNull(value, "source"));
            return this;
        }

        /**
         * Adds a callback around runs and migrations (see {@link GodwitCallback}).
         *
         * @param value the callback
         * @return this builder
         */
        public Builder callback(GodwitCallback value) {
            this.callbacks.add(Objects.requireNonNull(value, "callback"));
            return this;
        }

        /**
         * The class loader that sees {@code classpath:} locations (default: the thread's context class loader).
         *
         * @param value the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /**
         * The history table's name (default {@code godwit_history}).
         *
         * @param value a table name
         * @return this builder
         */
        public Builder table(String value) {
            this.table = value;
            return this;
        }

        /**
         * The PostgreSQL schema for migrations and the history table (default public).
         *
         * @param value a schema name
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        /**
         * The SQLite journal mode (default WAL for files Godwit creates). Given explicitly, it applies to existing
         * files too: each run sets it when it opens the database.
         *
         * @param value WAL, DELETE, TRUNCATE, PERSIST, MEMORY or OFF
         * @return this builder
         */
        public Builder journalMode(String value) {
            this.journalMode = value;
            this.journalModeGiven = value != null;
            return this;
        }

        /**
         * How long to wait for another runner or a busy database (default 60 s).
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        /**
         * Bearer token for remote libSQL (never shown).
         *
         * @param value the token
         * @return this builder
         */
        public Builder authToken(String value) {
            this.authToken = value;
            return this;
        }

        /**
         * Password used when the URL carries none (the CLI passes {@code PGPASSWORD} here).
         *
         * @param value the password
         * @return this builder
         */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /**
         * Receives progress events (default: none).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(GodwitListener value) {
            this.listener = value;
            return this;
        }

        /**
         * The time source for history rows and new file names (default: UTC system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Backups of SQLite files before runs that change them (default: on, newest five kept).
         *
         * @param value the backup policy
         * @return this builder
         */
        public Builder backups(Backups value) {
            this.backups = value;
            return this;
        }

        /**
         * Remote libSQL: how long to wait for the answer to one request (default 60 s).
         *
         * @param value more than zero
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /**
         * Lets another thread stop runs of this configuration early.
         *
         * @param value the signal
         * @return this builder
         */
        public Builder stopSignal(StopSignal value) {
            this.stopSignal = value;
            return this;
        }

        /**
         * Migrates through the application's {@code DataSource} (any pool): each connection is returned to it when
         * done. The engine is read from the connection's metadata; give no URL.
         *
         * @param value the application's DataSource
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.connections = value == null ? null : ConnectionProvider.of(value);
            return this;
        }

        /**
         * Migrates through one connection the caller owns and closes; Godwit never closes it. This is how an
         * in-memory SQLite database is migrated. The engine is read from the connection's metadata; give no URL.
         *
         * @param value the connection
         * @return this builder
         */
        public Builder connection(Connection value) {
            this.connections = value == null ? null : ConnectionProvider.borrowing(value);
            return this;
        }

        /**
         * Migrates through connections from {@code value}; as {@link #dataSource}, for other kinds of source.
         *
         * @param value the connections
         * @return this builder
         */
        public Builder connections(ConnectionProvider value) {
            this.connections = value;
            return this;
        }

        /**
         * The configuration, validated.
         *
         * @throws GodwitException ({@link ErrorCode#CONFIGURATION}) naming the first bad value
         *
         * @return the configuration
         */
        public GodwitConfig build() {
            if (connections != null && url != null) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "both a database URL and the application's "
                        + "connections were given", "give either a URL or a DataSource / Connection, not both");
            }
            DatabaseUrl target = connections != null ? connections.target() : DatabaseUrl.parse(url);
            if (target.inMemory() && !connections.singleConnection()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "an in-memory SQLite database can only be "
                        + "migrated through the one connection that holds it", "pass that Connection with connection(c)");
            }
            List<String> where = locations != null ? locations
                    : folderGiven || sources.isEmpty() ? List.of(migrations.toString()) : List.of();
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : GodwitConfig.class.getClassLoader();
            return new GodwitConfig(target, migrations, table, schema, journalMode, lockTimeout,
                    authToken, password, listener, clock, backups, requestTimeout, stopSignal, connections, where,
                    sources, loader, callbacks, journalModeGiven, format, placeholders, sqliteExtensions,
                    sqliteFunctions, versionTable);
        }
    }
}
