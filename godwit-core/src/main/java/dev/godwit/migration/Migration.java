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
 * @param checksum    checksum of the up body's text; {@code null} only for a large up section ({@link SqlBody#large()}),
 *                    whose checksum is taken when it is first needed (see {@link #checksum()})
 */
public record Migration(Version version, String description, String script, MigrationBody up, MigrationBody down,
                        String checksum) {
    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(up, "up");
        if (checksum == null && !(up instanceof SqlBody b && b.large() != null)) {
            throw new NullPointerException("checksum");
        }
    }

    /**
     * The checksum of the up body's text. For a large up section given without one, the section's own
     * ({@link FileSlice#checksum()}): known once a run has streamed it, else taken by reading it now.
     *
     * @return the checksum
     */
    @Override
    public String checksum() {
        return checksum != null ? checksum : ((SqlBody) up).checksum();
    }

    /**
     * Whether {@link #checksum()} would read a large file to answer.
     *
     * @return true when the up section is large and its checksum not taken yet
     */
    public boolean checksumPending() {
        return checksum == null && !((SqlBody) up).large().checksumKnown();
    }

    public Optional<MigrationBody> downBody() {
        return Optional.ofNullable(down);
    }
}
