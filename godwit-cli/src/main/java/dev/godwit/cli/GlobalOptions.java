package dev.godwit.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options accepted before or after the command name. They live on the root command and are inherited by every
 * subcommand (picocli's INHERIT scope), so {@code godwit --url X up} and {@code godwit up --url X} mean the same.
 */
final class GlobalOptions {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file. Default: $GODWIT_CONFIG, then godwit.toml in the working directory "
                    + "or the nearest parent that has one.")
    String config;

    @Option(names = "--env", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Use the [environments.NAME] block of godwit.toml. Default: $GODWIT_ENV")
    String environment;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Run on the [databases.NAME] block of godwit.toml; status and up take it more than once.")
    java.util.List<String> databases;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Database URL: sqlite:PATH, jdbc:sqlite:PATH, a path ending in .db/.sqlite/.sqlite3, "
                    + "libsql:file:PATH, postgres://USER@HOST/DB, libsql://HOST. Default: $GODWIT_URL, then "
                    + "$DATABASE_URL, then godwit.toml's url. A leading ~ in a path is the home folder.")
    String url;

    @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Format of the migrations folder: auto (told from the folder), godwit, dbmate, "
                    + "golang-migrate (blank files are no-ops), sqlx, flyway, goose, diesel, prefixed, ranges. "
                    + "Default: $GODWIT_FORMAT, then godwit.toml's format, then auto")
    String format;

    @Option(names = "--version-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "A single-row version table (schema_version: id 1, version, updated_at) kept at the newest "
                    + "applied version in each migration's transaction; when history is empty, up first adopts the "
                    + "database at the version it holds. Default: $GODWIT_VERSION_TABLE, then godwit.toml's "
                    + "version-table, then none")
    String versionTable;

    @Option(names = "--placeholder", scope = ScopeType.INHERIT, paramLabel = "NAME=VALUE",
            description = "Value of a ${NAME} placeholder in Flyway migrations (repeatable); adds to godwit.toml's "
                    + "[placeholders]")
    java.util.Map<String, String> placeholders;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Migrations folder. Default: $GODWIT_DIR, then godwit.toml's dir, then migrations "
                    + "next to godwit.toml or in the working directory")
    String dir;

    @Option(names = "--classpath", scope = ScopeType.INHERIT, paramLabel = "JAR_OR_DIR",
            description = "A jar or class folder holding Java migrations (classes implementing "
                    + "dev.godwit.migration.JavaMigration), run with the SQL files in one history; repeatable.")
    java.util.List<java.nio.file.Path> classpath;

    @Option(names = "--load-extension", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "SQLite: a loadable extension (.so/.dylib/.dll) loaded into every connection Godwit opens, "
                    + "for migrations that use its functions or virtual tables; repeatable. Default: godwit.toml's "
                    + "load-extension")
    java.util.List<java.nio.file.Path> loadExtensions;

    @Option(names = "--table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "History table. Default: godwit_history")
    String table;

    @Option(names = "--schema", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "PostgreSQL schema for migrations and the history table. Default: public")
    String schema;

    @Option(names = "--journal-mode", scope = ScopeType.INHERIT, paramLabel = "MODE",
            description = "SQLite journal mode for a database Godwit creates. Default: WAL")
    String journalMode;

    @Option(names = "--lock-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "How long to wait for another runner or a busy database (SQLite, libSQL), and on "
                    + "PostgreSQL also each lock a migration's statement waits for (lock_timeout); then exit 3. "
                    + "Default: 60")
    Integer lockTimeoutSeconds;

    @Option(names = "--request-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Remote libSQL: how long to wait for the answer to one request (one migration travels as "
                    + "one request). Default: 60")
    Integer requestTimeoutSeconds;

    @Option(names = "--auth-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "Auth token for remote libSQL. Default: $GODWIT_AUTH_TOKEN, $LIBSQL_AUTH_TOKEN, "
                    + "$TURSO_AUTH_TOKEN. Never printed.")
    String authToken;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Write exactly one JSON document to stdout; human progress goes to stderr.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show each statement and debug logs.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only errors on stderr.")
    boolean quiet;

    @Option(names = "--confirm", scope = ScopeType.INHERIT,
            description = "Protected run: commands that change the database show it and their plan and ask first. "
                    + "Also $GODWIT_CONFIRM=1 or protected = true in godwit.toml.")
    boolean confirm;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "Answer yes to confirmations (needed when there is no terminal to ask on).")
    boolean yes;
}
