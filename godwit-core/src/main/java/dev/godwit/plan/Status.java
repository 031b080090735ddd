package dev.godwit.plan;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import dev.godwit.migration.VersionOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every migration on disk or in history with its state. Pure, like the planner.
 *
 * @param entries sorted by version, in the order of the migrations' format; repeatable migrations last
 * @param current the newest applied version (repeatables aside), or {@code null}
 */
public record Status(List<StatusEntry> entries, Version current) {
    public Status {
        entries = List.copyOf(entries);
    }

    public static Status of(List<PreparedMigration> available, List<AppliedMigration> history) {
        VersionOrder order = Planner.orderOf(available);
        Map<Version, PreparedMigration> onDisk = new TreeMap<>(order);
        available.forEach(m -> onDisk.put(m.version(), m));
        Map<Version, AppliedMigration> applied = new TreeMap<>(order);
        history.forEach(a -> applied.put(a.version(), a));
        Optional<Version> baseline = Planner.baselineVersion(history, order);
        Version newest = Planner.newestApplied(history, order).orElse(null);

        TreeMap<Version, StatusEntry> out = new TreeMap<>(order);
        for (AppliedMigration a : applied.values()) {
            PreparedMigration m = onDisk.get(a.version());
            State state;
            if (!a.success()) {
                state = State.FAILED;
            } else if (a.isBaseline()) {
                state = State.BASELINE;
            } else if (m == null) {
                state = State.MISSING;
            } else if (Drift.of(a, m) == Drift.CHANGED) {
                // a repeatable whose file changed is to be applied again, not an edit of applied history
                state = m.repeatable() ? State.OUTDATED : State.CHANGED;
            } else {
                state = State.APPLIED;
            }
            String note = a.success() ? a.note() : Interruption.describe(a.note());
            if (note == null && m != null && a.success() && !a.isBaseline() && !m.repeatable()
                    && Drift.of(a, m) == Drift.FORMAT_CHANGED) {
                note = Drift.formatNote(a, m);
            }
            out.put(a.version(), new StatusEntry(a.version(), m != null ? m.description() : a.description(),
                    m != null ? m.script() : a.script(), state, m != null ? m.checksum() : a.checksum(),
                    a.appliedAt(), a.executionMs(), note));
        }
        for (PreparedMigration m : onDisk.values()) {
            if (applied.containsKey(m.version()) || !m.written()) {
                continue;
            }
            State state;
            if (m.repeatable()) {
                state = State.PENDING;
            } else if (baseline.isPresent() && order.compare(m.version(), baseline.get()) <= 0) {
                state = State.BASELINE;
            } else if (newest != null && order.compare(m.version(), newest) < 0) {
                state = State.OUT_OF_ORDER;
            } else {
                state = State.PENDING;
            }
            out.put(m.version(), new StatusEntry(m.version(), m.description(), m.script(), state, m.checksum(),
                    null, null, null));
        }
        return new Status(new ArrayList<>(out.values()), newest);
    }

    /** Migrations the next {@code up} applies: pending, out of order, and repeatables to apply again. */
    public long toApply() {
        return count(State.PENDING) + count(State.OUT_OF_ORDER) + count(State.OUTDATED);
    }

    public long count(State state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }

    /** Entries that make {@code validate} fail: changed, missing or failed. */
    public List<StatusEntry> problems() {
        return entries.stream()
                .filter(e -> e.state() == State.CHANGED || e.state() == State.MISSING || e.state() == State.FAILED)
                .toList();
    }
}
