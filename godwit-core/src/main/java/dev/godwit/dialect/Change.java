package dev.godwit.dialect;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Directives;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One migration's worth of work for a session to do atomically.
 *
 * @param direction  up: run the statements and insert {@code row}; down: run them and delete the row of
 *                   {@code version}
 * @param version    the migration
 * @param script     the file whose statements run (for a rollback of a pair, the {@code .down.sql} file), for
 *                   messages
 * @param work       what to do inside the transaction (statements today)
 * @param row        for up, the history row to insert; for down, {@code null}
 * @param directives the migration's switches (e.g. foreign keys off for SQLite table rebuilds)
 * @param replaces   for up, the history row {@code row} replaces (a repeatable migration applied again): the
 *                   change is to do only while the version's row is still that one (same checksum), and then
 *                   {@code row} takes its place; {@code null}: the change is to do only while the version has no
 *                   row
 */
public record Change(Direction direction, Version version, String script, Work work,
                     AppliedMigration row, Directives directives, AppliedMigration replaces) {
    public Change {
        if (replaces != null && (row == null || !replaces.version().equals(version))) {
            throw new IllegalArgumentException("only an up change replaces its version's row");
        }
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(directives, "directives");
        if ((direction == Direction.UP) != (row != null)) {
            throw new IllegalArgumentException("an up change carries its history row; a down change none");
        }
    }

    /** A change that replaces no history row. */
    public Change(Direction direction, Version version, String script, Work work, AppliedMigration row,
                  Directives directives) {
        this(direction, version, script, work, row, directives, null);
    }

    /** A change whose work is SQL statements, run in order. */
    public Change(Direction direction, Version version, String script, List<Statement> statements,
                  AppliedMigration row, Directives directives) {
        this(direction, version, script, new Work.Statements(statements), row, directives);
    }

    /**
     * Whether the version's history row as found inside the change's transaction means the change is already done
     * (another runner did it): for up, any row (when replacing, a row other than the one replaced, or none); for
     * down, no row.
     *
     * @param rowPresent  whether the version has a row
     * @param rowChecksum that row's checksum (may be {@code null})
     */
    public boolean alreadyDone(boolean rowPresent, String rowChecksum) {
        if (direction == Direction.DOWN) {
            return !rowPresent;
        }
        if (replaces == null) {
            return rowPresent;
        }
        return !rowPresent || !Objects.equals(rowChecksum, replaces.checksum());
    }

    /** The statements to run, in order; every change carries statements today ({@link Work.Statements}). */
    public List<Statement> statements() {
        if (work instanceof Work.Statements s) {
            return s.statements();
        }
        throw new IllegalStateException("no statements in " + work);
    }
}
