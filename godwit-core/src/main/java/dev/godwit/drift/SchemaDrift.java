package dev.godwit.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the live schema differs from the one recorded after the last run.
 *
 * @param recorded what was recorded
 * @param live     the schema now
 * @param added    objects there now that the record does not have
 * @param removed  objects in the record that are gone
 * @param changed  objects in both whose definitions differ
 */
public record SchemaDrift(RecordedSchema recorded, SchemaSnapshot live, List<SchemaObject> added,
                          List<SchemaObject> removed, List<Change> changed) {
    public SchemaDrift {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(live, "live");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** One object whose definition changed. */
    public record Change(SchemaObject before, SchemaObject after) {
    }

    /** Compares a recorded schema with the live one. Pure. */
    public static SchemaDrift between(RecordedSchema recorded, SchemaSnapshot live) {
        Map<String, SchemaObject> before = recorded.snapshot().byKey();
        Map<String, SchemaObject> now = live.byKey();
        List<SchemaObject> added = new ArrayList<>();
        List<SchemaObject> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        now.forEach((key, o) -> {
            SchemaObject was = before.get(key);
            if (was == null) {
                added.add(o);
            } else if (!was.definition().equals(o.definition())) {
                changed.add(new Change(was, o));
            }
        });
        before.forEach((key, o) -> {
            if (!now.containsKey(key)) {
                removed.add(o);
            }
        });
        return new SchemaDrift(recorded, live, added, removed, changed);
    }

    public boolean drifted() {
        return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }

    public int size() {
        return added.size() + removed.size() + changed.size();
    }

    /** One line per difference: {@code added table audit}, {@code changed column users.email}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        added.forEach(o -> lines.add("added   " + o.key()));
        removed.forEach(o -> lines.add("removed " + o.key()));
        changed.forEach(c -> lines.add("changed " + c.after().key() + ": " + c.before().definition() + " -> "
                + c.after().definition()));
        return lines;
    }
}
