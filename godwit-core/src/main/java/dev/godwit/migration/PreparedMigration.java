package dev.godwit.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Migration} with its SQL cut into statements for one dialect: what the planner and the executor work on.
 *
 * @param migration the migration as its source holds it
 * @param up        the up section; without statements (empty, or only comments) the migration is not written yet:
 *                  it is never run, and stays out of status until it is applied
 * @param down      the down section, or {@code null} when the migration cannot be rolled back (none, or one without
 *                  a statement)
 */
public record PreparedMigration(Migration migration, Section up, Section down) {
    public PreparedMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(up, "up");
    }

    /** A migration whose sections are given already split (tests, and SQL from a source that splits itself). */
    public PreparedMigration(Version version, String description, String script, Section up, Section down,
                             String checksum) {
        this(new Migration(version, description, script, up.body(), down == null ? null : down.body(), checksum),
                up, down);
    }

    public Version version() {
        return migration.version();
    }

    public String description() {
        return migration.description();
    }

    public String script() {
        return migration.script();
    }

    public String checksum() {
        return migration.checksum();
    }

    /**
     * Whether the up section has SQL; a migration without is "not written yet" and is never run, unless its format
     * makes a blank file a no-op ({@link dev.godwit.migration.Directives#blankIsNoOp}).
     */
    public boolean written() {
        return !up.isEmpty() || up.directives().blankIsNoOp();
    }

    /** Whether this is a repeatable migration (Flyway's {@code R__}): re-applied whenever its checksum changes. */
    public boolean repeatable() {
        return migration.version().isRepeatable();
    }

    public Optional<Section> downSection() {
        return Optional.ofNullable(down);
    }
}
