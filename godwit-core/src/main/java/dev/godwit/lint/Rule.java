package dev.godwit.lint;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lint rules, each with a stable id (used in {@code -- godwit:lint-ignore}, {@code --rule} and SARIF), the
 * engines it applies to, a default severity, what it catches and the fix. "A table that exists before the
 * migration" is any table the migration did not create itself (one created by an earlier migration, or by none).
 */
public enum Rule {
    PG_INDEX_WITHOUT_CONCURRENTLY("pg-index-without-concurrently", Engines.POSTGRES, Severity.ERROR,
            "CREATE INDEX / DROP INDEX without CONCURRENTLY on a table that exists before the migration locks out "
                    + "writes (CREATE) or every query (DROP) on it until it finishes",
            "use CREATE/DROP INDEX CONCURRENTLY in a migration of its own that starts with "
                    + "'-- godwit:no-transaction'"),
    PG_VOLATILE_DEFAULT("pg-volatile-default", Engines.POSTGRES, Severity.ERROR,
            "ALTER TABLE ... ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), "
                    + "nextval(), a serial type, a stored generated column) rewrites the whole table under an "
                    + "exclusive lock",
            "add the column without a default, set the default in a second statement, and backfill existing rows "
                    + "in batches"),
    PG_COLUMN_TYPE_CHANGE("pg-column-type-change", Engines.POSTGRES, Severity.ERROR,
            "ALTER COLUMN ... TYPE usually rewrites the table and its indexes under an exclusive lock",
            "add a column of the new type, backfill it in batches, and switch the application over before "
                    + "dropping the old one"),
    PG_CONSTRAINT_WITHOUT_NOT_VALID("pg-constraint-without-not-valid", Engines.POSTGRES, Severity.ERROR,
            "ADD CONSTRAINT ... FOREIGN KEY / CHECK without NOT VALID scans the whole table while holding a lock "
                    + "that blocks writes",
            "add the constraint with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration"),
    PG_SET_NOT_NULL("pg-set-not-null", Engines.POSTGRES, Severity.WARNING,
            "ALTER COLUMN ... SET NOT NULL on an existing column scans the whole table under an exclusive lock",
            "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL "
                    + "(PostgreSQL 12+ skips the scan)"),
    PG_RENAME("pg-rename", Engines.POSTGRES, Severity.WARNING,
            "renaming a table or column that exists before the migration breaks the running application, which "
                    + "still uses the old name",
            "add the new column or a view under the new name, move the application over, and drop the old name "
                    + "in a later release"),
    PG_LOCK_TIMEOUT_OFF("pg-lock-timeout-off", Engines.POSTGRES, Severity.WARNING,
            "the migration switches lock_timeout off (SET lock_timeout = 0, RESET) before a statement that takes "
                    + "a table lock, so it may queue every query on the table behind a long transaction",
            "remove the SET/RESET of lock_timeout: Godwit sets it from --lock-timeout for every migration"),
    SQLITE_UNSUPPORTED_ALTER("sqlite-unsupported-alter", Engines.SQLITE, Severity.ERROR,
            "an ALTER TABLE form SQLite does not support (ALTER COLUMN, ADD/DROP CONSTRAINT, several actions, "
                    + "ADD COLUMN with PRIMARY KEY or UNIQUE, NOT NULL without a default, or a non-constant "
                    + "default)",
            "rebuild the table: create the new table, copy the rows, drop the old one and rename the new one, "
                    + "with '-- godwit:foreign-keys off'"),
    SQLITE_REBUILD_WITHOUT_FOREIGN_KEYS_OFF("sqlite-rebuild-without-foreign-keys-off", Engines.SQLITE,
            Severity.ERROR,
            "a table rebuild (DROP TABLE t, then a table renamed to t) with foreign keys enforced: the DROP deletes "
                    + "or breaks the rows that reference t (ON DELETE CASCADE runs)",
            "put '-- godwit:foreign-keys off' in the file's leading comments"),
    SQLITE_DROP_COLUMN_IN_USE("sqlite-drop-column-in-use", Engines.SQLITE, Severity.ERROR,
            "ALTER TABLE ... DROP COLUMN on a column that an index, view or trigger uses: SQLite refuses it",
            "drop the index, view or trigger first (and recreate it without the column), or rebuild the table"),
    NEEDS_NO_TRANSACTION("needs-no-transaction", Engines.ALL, Severity.ERROR,
            "a statement that cannot run (or does nothing) inside a transaction, in a migration Godwit runs in "
                    + "one: VACUUM, PRAGMA journal_mode / foreign_keys (SQLite), CONCURRENTLY, CREATE DATABASE, "
                    + "ALTER SYSTEM (PostgreSQL)",
            "move it to a migration of its own that starts with '-- godwit:no-transaction'"),
    NO_DOWN("no-down", Engines.ALL, Severity.INFO,
            "the migration has no down section, so 'godwit down' cannot roll it back",
            "add a '-- migrate:down' section (or a .down.sql file) that undoes the up section"),
    DESTRUCTIVE("destructive", Engines.ALL, Severity.WARNING,
            "the up section destroys data: DROP TABLE, DROP COLUMN, DROP SCHEMA, TRUNCATE, or DELETE without WHERE",
            "make sure the data is backed up or no longer needed, then add '-- godwit:lint-ignore destructive' "
                    + "above the statement"),
    TRANSACTION_CONTROL("transaction-control", Engines.ALL, Severity.ERROR,
            "BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ... in a migration that Godwit runs in a transaction of its own "
                    + "(Godwit refuses to run it)",
            "remove the statement, or start the file with '-- godwit:no-transaction'"),
    DOWN_DOES_NOT_UNDO("down-does-not-undo", Engines.ALL, Severity.WARNING,
            "the up section creates a table, index, view or trigger, or adds a column, that the down section does "
                    + "not drop",
            "drop it in the down section"),
    NOT_IDEMPOTENT("not-idempotent", Engines.ALL, Severity.WARNING,
            "DDL or inserts that fail or change something when run a second time (CREATE without IF NOT EXISTS, "
                    + "DROP without IF EXISTS, INSERT without ON CONFLICT / OR IGNORE); only when the migrations must be idempotent",
            "use IF NOT EXISTS / IF EXISTS / OR REPLACE, INSERT ... ON CONFLICT DO NOTHING (or INSERT OR IGNORE)");

    /** Which engines a rule applies to. */
    enum Engines {
        POSTGRES, SQLITE, ALL;

        boolean include(String engine) {
            return switch (this) {
                case ALL -> true;
                case POSTGRES -> engine.equals("postgresql");
                case SQLITE -> engine.equals("sqlite") || engine.equals("libsql");
            };
        }
    }

    private final String id;
    private final Engines engines;
    private final Severity defaultSeverity;
    private final String description;
    private final String fix;

    Rule(String id, Engines engines, Severity defaultSeverity, String description, String fix) {
        this.id = id;
        this.engines = engines;
        this.defaultSeverity = defaultSeverity;
        this.description = description;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String description() {
        return description;
    }

    public String fix() {
        return fix;
    }

    /** Whether the rule applies to the engine named as {@link dev.godwit.dialect.Dialect#name()} names it. */
    public boolean appliesTo(String engine) {
        return engines.include(engine);
    }

    /** Engines in words, for documentation: {@code postgresql}, {@code sqlite, libsql} or {@code all}. */
    public String engineNames() {
        return switch (engines) {
            case ALL -> "all";
            case POSTGRES -> "postgresql";
            case SQLITE -> "sqlite, libsql";
        };
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equalsIgnoreCase(id.strip())).findFirst();
    }

    static String ids() {
        return Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", "));
    }
}
