package dev.godwit.lint;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user changed about the rules.
 *
 * @param overrides  rule id → new severity, or empty to switch the rule off
 * @param idempotent whether the migrations must be safe to run twice (turns on {@link Rule#NOT_IDEMPOTENT})
 */
public record LintSettings(Map<String, Optional<Severity>> overrides, boolean idempotent) {
    public static final LintSettings DEFAULTS = new LintSettings(Map.of(), false);

    public LintSettings {
        overrides = Map.copyOf(overrides);
        for (String id : overrides.keySet()) {
            if (Rule.byId(id).isEmpty()) {
                throw new GodwitException(ErrorCode.USAGE, "unknown lint rule '" + id + "'",
                        "known rules: " + Rule.ids());
            }
        }
    }

    /**
     * Reads {@code RULE=LEVEL} pairs (LEVEL: {@code off}, {@code info}, {@code warning}, {@code error}), as the
     * command line gives them; fails fast on an unknown rule or level.
     */
    public static LintSettings parse(Iterable<String> pairs, boolean idempotent) {
        Map<String, Optional<Severity>> overrides = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new GodwitException(ErrorCode.USAGE, "a rule override is RULE=LEVEL, not '" + pair + "'",
                        "write RULE=LEVEL, e.g. destructive=error or no-down=off");
            }
            String id = pair.substring(0, eq).strip();
            String level = pair.substring(eq + 1).strip();
            Optional<Severity> severity = level.equalsIgnoreCase("off") ? Optional.empty()
                    : Optional.of(Severity.parse(level).orElseThrow(() -> new GodwitException(ErrorCode.USAGE,
                            "unknown level '" + level + "' for rule " + id,
                            "use off, info, warning or error")));
            overrides.put(id, severity);
        }
        return new LintSettings(overrides, idempotent);
    }

    /** The rule's severity after overrides; empty when it is switched off. */
    Optional<Severity> severityOf(Rule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule == Rule.NOT_IDEMPOTENT && !idempotent && !overrides.containsKey(rule.id())) {
            return Optional.empty();
        }
        return overrides.getOrDefault(rule.id(), Optional.of(rule.defaultSeverity()));
    }
}
