package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitException;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.Severity;
import dev.godwit.migration.Version;
import dev.godwit.migration.VersionOrder;
import dev.godwit.plan.State;
import dev.godwit.plan.StatusEntry;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code up --lint}: lints the migrations about to be applied and refuses before any change. */
final class LintGate {
    private LintGate() {
    }

    static void check(GodwitCli root, boolean lint, LintOptions options, Version target) {
        if (!lint) {
            if (options.given()) {
                throw new GodwitException(ErrorCode.USAGE, "--rule, --fail-on and --idempotent need --lint on up",
                        "add --lint, or run 'godwit lint' with them");
            }
            return;
        }
        Severity threshold = options.threshold();
        Godwit godwit = Godwit.create(root.config(root.listener()));
        LintReport all = godwit.lint(options.settings());
        // what up will apply: in the format's order (Diesel's is textual), repeatables whatever the target
        VersionOrder order = godwit.migrationSet().order();
        Set<String> toApply = godwit.status().entries().stream()
                .filter(e -> e.state() == State.PENDING || e.state() == State.OUT_OF_ORDER
                        || e.state() == State.OUTDATED)
                .filter(e -> target == null || e.version().isRepeatable() || order.compare(e.version(), target) <= 0)
                .map(StatusEntry::version).map(Version::text).collect(Collectors.toSet());
        LintReport report = all.onlyVersions(toApply);
        for (Finding f : report.findings()) {
            root.err.println("lint: " + LintOutput.line(f));
        }
        if (report.failsAt(threshold)) {
            long above = report.findings().stream().filter(f -> f.severity().atLeast(threshold)).count();
            throw new GodwitException(ErrorCode.PLAN_REFUSED, "refused by lint: " + above + " finding(s) at or "
                    + "above " + threshold.label() + " in the migrations to apply (listed above); nothing was changed",
                    "fix them, put '-- godwit:lint-ignore RULE' above the statement, or change the rule's level "
                            + "with --rule RULE=LEVEL; 'godwit lint' shows each fix");
        }
    }
}
