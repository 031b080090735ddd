package dev.godwit.plan;

import java.util.Locale;

/** Where a migration stands. */
public enum State {
    APPLIED, PENDING, MISSING, CHANGED, FAILED, OUT_OF_ORDER, BASELINE,
    /** A repeatable migration whose file changed since it was applied: the next {@code up} applies it again. */
    OUTDATED;

    /** The name used in output and JSON: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
