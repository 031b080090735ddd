package dev.godwit.takeover;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import java.util.List;

/**
 * What {@code import} recorded (or, for a dry run, would record).
 *
 * @param plan    the rows and notes
 * @param dryRun  whether nothing was written
 * @param pending migrations on disk that the next {@code up} applies, oldest first
 */
public record ImportResult(ImportPlan plan, boolean dryRun, List<Version> pending) {
    public ImportResult {
        pending = List.copyOf(pending);
    }

    /** The history rows written (or to be written). */
    public List<AppliedMigration> rows() {
        return plan.rows();
    }

    /** The newest version imported, or {@code null} when nothing was. */
    public Version current() {
        return plan.rows().stream().map(AppliedMigration::version).max(Version::compareTo).orElse(null);
    }
}
