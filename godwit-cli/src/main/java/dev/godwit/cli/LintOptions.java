package dev.godwit.cli;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.lint.LintSettings;
import dev.godwit.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The lint options {@code lint} and {@code up --lint} share. */
final class LintOptions {
    @Option(names = "--rule", paramLabel = "RULE=LEVEL",
            description = "Change a rule's severity (info, warning, error) or switch it off (off); repeatable.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 (lint) or refuse (up --lint) when a finding at or above LEVEL (info, warning, "
                    + "error) is present; default error.")
    String failOn;

    @Option(names = "--idempotent",
            description = "The migrations must be safe to run twice: turns on the not-idempotent rule.")
    boolean idempotent;

    LintSettings settings() {
        return LintSettings.parse(rules, idempotent);
    }

    Severity threshold() {
        if (failOn == null) {
            return Severity.ERROR;
        }
        return Severity.parse(failOn).orElseThrow(() -> new GodwitException(ErrorCode.USAGE,
                "unknown level '" + failOn + "' for --fail-on", "use info, warning or error"));
    }

    boolean given() {
        return !rules.isEmpty() || failOn != null || idempotent;
    }
}
