package dev.godwit.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration found on disk.
 *
 * @param version     its version
 * @param description words from the file name, underscores turned into spaces
 * @param script      the (up) file name relative to the migrations folder
 * @param up          the up section; without statements (empty, or only comments) the migration is not written
 *                    yet: it is never run, and stays out of status until it is applied
 * @param down        the down section, or {@code null} when the migration cannot be rolled back
 * @param checksum    checksum of the up section's text
 */
public record Migration(Version version, String description, String script, Section up, Section down,
                        String checksum) {
    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** Whether the up section has SQL; a migration without is "not written yet" and is never run. */
    public boolean written() {
        return !up.statements().isEmpty();
    }

    public Optional<Section> downSection() {
        return Optional.ofNullable(down);
    }
}
