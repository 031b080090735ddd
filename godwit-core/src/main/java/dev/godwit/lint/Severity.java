package dev.godwit.lint;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters, least first. */
public enum Severity {
    INFO("note"),
    WARNING("warning"),
    ERROR("error");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The word users type and read: {@code info}, {@code warning}, {@code error}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SARIF 2.1.0's {@code level}: {@code note}, {@code warning}, {@code error}. */
    public String sarifLevel() {
        return sarifLevel;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** {@code info}, {@code warning} or {@code error} in any case; empty for anything else. */
    public static Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
