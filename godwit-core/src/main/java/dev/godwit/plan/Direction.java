package dev.godwit.plan;

/** Which way a plan moves the schema. */
public enum Direction {
    UP, DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
