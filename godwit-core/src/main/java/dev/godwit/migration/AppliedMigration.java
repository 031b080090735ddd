package dev.godwit.migration;

import java.util.Objects;

/**
 * A row of the history table.
 *
 * @param version     the version applied
 * @param description its description when applied
 * @param script      its file name when applied
 * @param checksum    checksum of the up section when applied ({@code null} for a baseline)
 * @param downSql     the down section as it was when applied, or {@code null}
 * @param kind        {@link #SQL} or {@link #BASELINE}
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

    public AppliedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(appliedBy, "appliedBy");
    }

    public boolean isBaseline() {
        return BASELINE.equals(kind);
    }

    public AppliedMigration withOutcome(boolean ok, long ms, String newNote) {
        return new AppliedMigration(version, description, script, checksum, downSql, kind, appliedAt, appliedBy, ms,
                ok, newNote);
    }
}
