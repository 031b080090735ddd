package dev.godwit.lint;

import java.util.List;
import java.util.Objects;

/**
 * What {@code godwit lint} found.
 *
 * @param engine   the dialect whose rules ran ({@code sqlite}, {@code libsql}, {@code postgresql})
 * @param rules    the rules that ran (not switched off), in their documented order
 * @param findings every finding, by file and line
 * @param ignored  how many findings {@code -- godwit:lint-ignore} comments suppressed
 */
public record LintReport(String engine, List<Rule> rules, List<Finding> findings, int ignored) {
    public LintReport {
        Objects.requireNonNull(engine, "engine");
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
    }

    /** Whether a finding at or above {@code threshold} is present. */
    public boolean failsAt(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Only the findings in the given versions' migrations (for {@code up --lint}: the ones about to run). */
    public LintReport onlyVersions(java.util.Set<String> versions) {
        return new LintReport(engine, rules, findings.stream().filter(f -> versions.contains(f.version())).toList(),
                ignored);
    }
}
