package dev.godwit.takeover;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A migration tool whose tracking table {@code import} reads, with the table (or tables, tried in order) it keeps
 * by default and the columns that identify its layout.
 */
public enum ForeignTool {
    /** {@code flyway_schema_history}: one row per run (installed_rank), with type, checksum (CRC32) and success. */
    FLYWAY("flyway", List.of("flyway_schema_history"), List.of("installed_rank", "version", "type", "script",
            "checksum", "installed_on", "success")),
    /** {@code schema_migrations(version, dirty)}: one row, everything up to that version applied. */
    GOLANG_MIGRATE("golang-migrate", List.of("schema_migrations"), List.of("version", "dirty")),
    /** {@code _sqlx_migrations}: one row per version, with success and a SHA-384 checksum. */
    SQLX("sqlx", List.of("_sqlx_migrations"), List.of("version", "description", "installed_on", "success", "checksum",
            "execution_time")),
    /** {@code __diesel_schema_migrations(version, run_on)}. */
    DIESEL("diesel", List.of("__diesel_schema_migrations"), List.of("version", "run_on")),
    /** {@code schema_migrations(version)}: one row per applied version. */
    DBMATE("dbmate", List.of("schema_migrations"), List.of("version")),
    /** {@code goose_db_version(id, version_id, is_applied, tstamp)}: the newest row per version decides. */
    GOOSE("goose", List.of("goose_db_version"), List.of("id", "version_id", "is_applied")),
    /** Rails' {@code schema_migrations(version)}: one row per applied version. */
    RAILS("rails", List.of("schema_migrations"), List.of("version")),
    /**
     * Umzug: a runner's {@code schema_migrations(name, executed_at)}, else Sequelize's {@code SequelizeMeta(name)};
     * one row per applied migration, named by its file.
     */
    UMZUG("umzug", List.of("schema_migrations", "SequelizeMeta"), List.of("name")),
    /** A single-row {@code schema_version(id, version, updated_at)}: everything up to that version applied. */
    SCHEMA_VERSION("schema-version", List.of("schema_version"), List.of("version"));

    private final String cliName;
    private final List<String> tables;
    private final List<String> columns;

    ForeignTool(String cliName, List<String> tables, List<String> columns) {
        this.cliName = cliName;
        this.tables = tables;
        this.columns = columns;
    }

    /** The name on the command line ({@code --from golang-migrate}). */
    public String cliName() {
        return cliName;
    }

    /** The tables the tool keeps by default, tried in order. */
    public List<String> tables() {
        return tables;
    }

    /** The columns (lower case) its table must have. */
    public List<String> columns() {
        return columns;
    }

    /** The tool of that name ({@code flyway}, {@code golang-migrate}, …); a name it does not know lists them. */
    public static ForeignTool named(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ForeignTool t : values()) {
            if (t.cliName.equals(n) || n.equals("migrate") && t == GOLANG_MIGRATE
                    || n.equals("sequelize") && t == UMZUG || n.equals("schema_version") && t == SCHEMA_VERSION) {
                return t;
            }
        }
        throw new GodwitException(ErrorCode.USAGE, "unknown tool '" + name + "' to import history from",
                "use one of " + names());
    }

    /** The names {@link #named} takes, for help texts. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ForeignTool::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
