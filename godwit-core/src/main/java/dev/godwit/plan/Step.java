package dev.godwit.plan;

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
 */
public record Step(Direction direction, Version version, String description, String script, Section section,
                   String recordedSql, Directives directives, PreparedMigration migration) {
    public Step {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(version, "version");
        if ((section == null) == (recordedSql == null)) {
            throw new IllegalArgumentException("a step runs either a section or recorded SQL");
        }
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
