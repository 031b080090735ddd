package dev.godwit.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration as its source holds it, independent of any database engine: one value serves every target (a fleet
 * reads its files once). {@link MigrationSet#prepare} splits its SQL for one dialect into a {@link PreparedMigration}.
 *
 * @param version     its version
 * @param description words from the file name, underscores turned into spaces
 * @param script      the (up) file name relative to the location it was read from
 * @param up          what applies it
 * @param down        what reverts it, or {@code null} when there is nothing to revert it with
 * @param checksum    checksum of the up body's text
 */
public record Migration(Version version, String description, String script, MigrationBody up, MigrationBody down,
                        String checksum) {
    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(checksum, "checksum");
    }

    public Optional<MigrationBody> downBody() {
        return Optional.ofNullable(down);
    }
}
