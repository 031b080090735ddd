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
 * @param kind        {@link #SQL}, {@link #JAVA}, {@link #REPEATABLE} or {@link #BASELINE}
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
    /**
     * The kind of a repeatable migration's row (Flyway's {@code R__}): one row per repeatable, keyed
     * {@link Version#repeatable}, replaced each time the migration is applied again.
     */
    public static final String REPEATABLE = "repeatable";
    private static final java.util.regex.Pattern TIMES = java.util.regex.Pattern.compile("applied (\\d+) times.*");

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
        JAVA,
        /** A repeatable migration, as last applied. */
        REPEATABLE;

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

    /**
     * The note of a repeatable migration's row when it is applied again, replacing {@code before}: how many times
     * it has been applied, and when and with which checksum the time before ({@code status} shows it).
     */
    public static String reappliedNote(AppliedMigration before) {
        int times = 1;
        java.util.regex.Matcher m = before.note() == null ? null : TIMES.matcher(before.note());
        if (m != null && m.matches()) {
            times = Integer.parseInt(m.group(1));
        }
        return "applied " + (times + 1) + " times; the time before " + before.appliedAt() + " (checksum "
                + Checksum.shortForm(before.checksum()) + ")";
    }

    public boolean isBaseline() {
        return BASELINE.equals(kind);
    }

    /**
     * This row with another checksum.
     *
     * @param newChecksum the checksum to record
     * @return the row
     */
    public AppliedMigration withChecksum(String newChecksum) {
        return new AppliedMigration(version, description, script, newChecksum, downSql, kind, appliedAt, appliedBy,
                executionMs, success, note);
    }

    public AppliedMigration withOutcome(boolean ok, long ms, String newNote) {
        return new AppliedMigration(version, description, script, checksum, downSql, kind, appliedAt, appliedBy, ms,
                ok, newNote);
    }
}
