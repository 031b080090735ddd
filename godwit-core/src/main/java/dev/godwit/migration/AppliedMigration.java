package dev.godwit.migration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of the history table.
 *
 * @param version     the version applied
 * @param description its description when applied
 * @param script      its file name when applied
 * @param checksum    checksum of the up section when applied ({@code null} for a baseline)
 * @param downSql     the down section as it was when applied, or {@code null}
 * @param kind        {@link #SQL}, {@link #JAVA} or {@link #BASELINE}
 * @param appliedAt   UTC ISO-8601 instant
 * @param appliedBy   user and host of the runner
 * @param executionMs how long it took
 * @param success     false while a non-transactional migration runs, and after it failed part-way
 * @param note        for a failed non-transactional migration, where it stopped; else {@code null}
 */
public record AppliedMigration(Version version, String description, String script, String checksum,
                               String downSql, String kind, String appliedAt, String appliedBy, long executionMs,
                               boolean success, String note) {
    public static final String SQL = "sql";
    public static final String BASELINE = "baseline";
    /** The kind of a {@link JavaMigration}'s row. */
    public static final String JAVA = "java";

    public AppliedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(appliedBy, "appliedBy");
    }

    /** What kind of row this is, as a value ({@link #kind} is the text stored in the history table). */
    public enum Kind {
        /** A migration that ran. */
        SQL,
        /** A baseline: migrations up to it count as applied without running. */
        BASELINE,
        /** A Java migration that ran. */
        JAVA;

        /** The kind stored as {@code text}; an unknown text (a newer Godwit's) is empty. */
        public static Optional<Kind> of(String text) {
            for (Kind k : values()) {
                if (k.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** The row's kind as a value; empty for a kind this version does not know. */
    public Optional<Kind> kindValue() {
        return Kind.of(kind);
    }

    /** When it was applied, as an instant; empty when the stored text is not an ISO-8601 instant. */
    public Optional<Instant> appliedInstant() {
        try {
            return Optional.of(Instant.parse(appliedAt));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean isBaseline() {
        return BASELINE.equals(kind);
    }

    public AppliedMigration withOutcome(boolean ok, long ms, String newNote) {
        return new AppliedMigration(version, description, script, checksum, downSql, kind, appliedAt, appliedBy, ms,
                ok, newNote);
    }
}
