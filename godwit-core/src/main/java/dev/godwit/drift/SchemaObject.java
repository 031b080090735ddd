package dev.godwit.drift;

import java.util.Objects;

/**
 * One object of a schema as the catalog lists it.
 *
 * @param kind       {@code table}, {@code column}, {@code index}, {@code view}, {@code trigger}, {@code constraint},
 *                   {@code function}, {@code type}, {@code sequence}, ...
 * @param name       its name; a column or constraint as {@code table.name}
 * @param definition what it is, canonical (whitespace collapsed): two objects with one definition are the same
 */
public record SchemaObject(String kind, String name, String definition) implements Comparable<SchemaObject> {
    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        definition = definition == null ? "" : definition.strip().replaceAll("\\s+", " ");
    }

    /** Kind and name: what identifies the object across snapshots. */
    public String key() {
        return kind + " " + name;
    }

    @Override
    public int compareTo(SchemaObject o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
