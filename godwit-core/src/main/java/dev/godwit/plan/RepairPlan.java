package dev.godwit.plan;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code repair} will change in the history table, decided by a pure function of (migrations on disk, history
 * rows): remove failed rows, and re-record the checksum, down section and file name of applied migrations whose
 * files were edited on purpose. It never touches the schema, and leaves rows whose file is gone alone (those are
 * listed in {@link #notes()}).
 *
 * @param actions the changes, by version
 * @param notes   things repair saw but leaves alone
 */
public record RepairPlan(List<Action> actions, List<String> notes) {
    public RepairPlan {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }

    /** One change to one history row. */
    public sealed interface Action {
        Version version();

        /** One line for the user: which row and what changes. */
        String describe();
    }

    /**
     * Delete a failed row, so that {@code up} runs the migration again.
     *
     * @param row the failed row
     */
    public record RemoveFailed(AppliedMigration row) implements Action {
        public RemoveFailed {
            Objects.requireNonNull(row, "row");
        }

        @Override
        public Version version() {
            return row.version();
        }

        @Override
        public String describe() {
            String note = Interruption.describe(row.note());
            return "remove failed row " + row.version() + " (" + row.script() + ")"
                    + (note == null ? "" : ": " + note);
        }
    }

    /**
     * Replace a row with one that matches the edited file.
     *
     * @param before  the row as recorded
     * @param after   the row to record
     * @param changes what differs, one entry each
     */
    public record Rerecord(AppliedMigration before, AppliedMigration after, List<String> changes)
            implements Action {
        public Rerecord {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            changes = List.copyOf(changes);
        }

        @Override
        public Version version() {
            return before.version();
        }

        @Override
        public String describe() {
            return "re-record " + before.version() + " (" + after.script() + "): " + String.join("; ", changes);
        }
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** Plans the repair. Pure: no I/O, no clock. */
    public static RepairPlan of(List<PreparedMigration> available, List<AppliedMigration> history) {
        Map<Version, PreparedMigration> onDisk = new TreeMap<>();
        available.forEach(m -> onDisk.put(m.version(), m));
        List<Action> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AppliedMigration a : history) {
            if (!a.success()) {
                actions.add(new RemoveFailed(a));
                continue;
            }
            if (a.version().isRepeatable() && onDisk.containsKey(a.version())) {
                // a changed repeatable is not an edit to accept: the next up applies it again
                continue;
            }
            if (a.isBaseline()) {
                continue;
            }
            PreparedMigration m = onDisk.get(a.version());
            if (m == null) {
                notes.add(a.script() + ": applied, but the file is gone; repair leaves its row (restore the file, "
                        + "or run 'up --ignore-missing')");
                continue;
            }
            List<String> changes = new ArrayList<>();
            Drift drift = Drift.of(a, m);
            if (drift == Drift.CHANGED) {
                changes.add("checksum " + Checksum.shortForm(a.checksum()) + " -> " + Checksum.shortForm(m.checksum()));
            }
            String down = m.down() == null ? null : m.down().sql();
            if (!sameText(down, a.downSql())) {
                changes.add(a.downSql() == null ? "down section recorded (none was)"
                        : down == null ? "down section dropped (the file has none now)"
                        : "down section re-recorded");
            }
            if (!m.script().equals(a.script())) {
                changes.add("file " + a.script() + " -> " + m.script()
                        + (drift == Drift.FORMAT_CHANGED ? " (file format changed, same up SQL)" : ""));
            }
            if (!m.description().equals(a.description())) {
                changes.add("description '" + a.description() + "' -> '" + m.description() + "'");
            }
            if (!changes.isEmpty()) {
                String checksum = drift == Drift.SAME ? a.checksum() : m.checksum();
                AppliedMigration after = new AppliedMigration(a.version(), m.description(), m.script(),
                        checksum, down, a.kind(), a.appliedAt(), a.appliedBy(), a.executionMs(), true, a.note());
                actions.add(new Rerecord(a, after, changes));
            }
        }
        return new RepairPlan(actions, notes);
    }

    private static boolean sameText(String a, String b) {
        return Checksum.sameText(a, b);
    }
}
