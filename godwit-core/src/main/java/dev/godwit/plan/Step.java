package dev.godwit.plan;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Directives;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import java.util.Objects;

/**
 * One migration to apply or revert.
 *
 * @param direction   up or down
 * @param version     the migration's version
 * @param description its description
 * @param script      its file name
 * @param section     the section to run as read from the file, or {@code null} when the SQL comes from history
 * @param recordedSql for a down step whose SQL comes from the history table (file edited or gone): that SQL
 * @param directives  switches that apply to this step
 * @param migration   the migration on disk (always for up; may be {@code null} for down)
 * @param replaces    for an up step that re-applies a repeatable migration whose file changed, the history row it
 *                    replaces (the run checks it is still that row); else {@code null}
 */
public record Step(Direction direction, Version version, String description, String script, Section section,
                   String recordedSql, Directives directives, PreparedMigration migration,
                   AppliedMigration replaces) {
    public Step {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(version, "version");
        if ((section == null) == (recordedSql == null)) {
            throw new IllegalArgumentException("a step runs either a section or recorded SQL");
        }
        if (replaces != null && (direction != Direction.UP || !version.isRepeatable()
                || !replaces.version().equals(version))) {
            throw new IllegalArgumentException("only an up step of a repeatable migration replaces its own row");
        }
    }

    /** A step that replaces no history row. */
    public Step(Direction direction, Version version, String description, String script, Section section,
                String recordedSql, Directives directives, PreparedMigration migration) {
        this(direction, version, description, script, section, recordedSql, directives, migration, null);
    }

    /** Whether this step re-applies a repeatable migration (its file changed since it was applied). */
    public boolean reapplies() {
        return replaces != null;
    }

    /**
     * The file whose SQL this step runs, for messages: the up file, the down file of a {@code .up.sql} /
     * {@code .down.sql} pair, or for SQL recorded in history the script with "(down section recorded in history)".
     */
    public String file() {
        return section != null ? section.file() : script + " (down section recorded in history)";
    }

    /** The SQL as it will run. */
    public String sql() {
        return section != null ? section.sql() : recordedSql;
    }
}
