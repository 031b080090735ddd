package dev.godwit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a {@link Godwit} needs, fixed once built. Only {@link #builder()} creates one, so a new option never
 * breaks a caller. Validated when built: a bad value fails fast with {@link ErrorCode#CONFIGURATION}, never silently
 * corrected. The accessors are named after the values:
 *
 * @param url         the database
 * @param migrations  the folder of migration files
 * @param table       the history table's name
 * @param schema      PostgreSQL schema for migrations and the history table ({@code null}: public)
 * @param journalMode SQLite journal mode for databases Godwit creates
 * @param lockTimeout how long to wait for another runner or a busy database
 * @param authToken   bearer token for remote libSQL, or {@code null}; never shown
 * @param password    password for server databases when the URL has none (the CLI passes {@code PGPASSWORD}), or
 *                    {@code null}; never shown
 * @param listener    progress callbacks
 * @param clock       time source for history rows and new file names
 * @param backups     backups of SQLite file databases before runs that change them
 * @param requestTimeout remote libSQL: how long to wait for the answer to one request (one migration)
 * @param stopSignal  lets another thread stop a run early (see {@link StopSignal})
 */
public final class GodwitConfig {
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
    private final String format;
    private final java.util.Map<String, String> placeholders;

    private GodwitConfig(DatabaseUrl url, Path migrations, String table, String schema, String journalMode,
                         Duration lockTimeout, String authToken, String password, GodwitListener listener,
                         Clock clock, Backups backups, Duration requestTimeout, StopSignal stopSignal,
                         String format, java.util.Map<String, String> placeholders) {
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
        this.format = format == null ? dev.godwit.source.MigrationFormats.AUTO : format;
        dev.godwit.source.MigrationFormats.named(this.format, java.util.Map.of()); // an unknown name fails here
        this.placeholders = java.util.Map.copyOf(placeholders);
    }

    /** The migration folder's format ({@code auto}: told from the folder); see {@code MigrationFormats}. */
    public String format() {
        return format;
    }

    /** Values for {@code ${name}} placeholders in formats that have them (Flyway). */
    public java.util.Map<String, String> placeholders() {
        return placeholders;
    }

    public DatabaseUrl url() {
        return url;
    }

    public Path migrations() {
        return migrations;
    }

    public String table() {
        return table;
    }

    public String schema() {
        return schema;
    }

    public String journalMode() {
        return journalMode;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public String authToken() {
        return authToken;
    }

    public String password() {
        return password;
    }

    public GodwitListener listener() {
        return listener;
    }

    public Clock clock() {
        return clock;
    }

    public Backups backups() {
        return backups;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public StopSignal stopSignal() {
        return stopSignal;
    }

    /** Checks that a name given by the user is a plain SQL identifier. */
    public static String requireIdentifier(String what, String value, String option) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "invalid " + what + " name '" + value + "'",
                    "use letters, digits and underscores, starting with a letter or underscore (" + option + ")");
        }
        return value;
    }

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
        private String format;
        private java.util.Map<String, String> placeholders = java.util.Map.of();

        /** The folder's format by name ({@code auto}, {@code godwit}, {@code flyway}, {@code goose}, …). */
        public Builder format(String value) {
            this.format = value;
            return this;
        }

        /** Values for {@code ${name}} placeholders (Flyway's {@code --placeholder NAME=VALUE}). */
        public Builder placeholders(java.util.Map<String, String> value) {
            this.placeholders = java.util.Map.copyOf(value);
            return this;
        }

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder migrations(Path value) {
            this.migrations = value;
            return this;
        }

        public Builder table(String value) {
            this.table = value;
            return this;
        }

        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        public Builder journalMode(String value) {
            this.journalMode = value;
            return this;
        }

        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        public Builder authToken(String value) {
            this.authToken = value;
            return this;
        }

        /** Password used when the URL carries none (the CLI passes {@code PGPASSWORD} here). */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder listener(GodwitListener value) {
            this.listener = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder backups(Backups value) {
            this.backups = value;
            return this;
        }

        /** Remote libSQL: how long to wait for the answer to one request (default 60 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** Lets another thread stop runs of this configuration early. */
        public Builder stopSignal(StopSignal value) {
            this.stopSignal = value;
            return this;
        }

        public GodwitConfig build() {
            return new GodwitConfig(DatabaseUrl.parse(url), migrations, table, schema, journalMode, lockTimeout,
                    authToken, password, listener, clock, backups, requestTimeout, stopSignal,
                    format, placeholders);
        }
    }
}
