package dev.godwit.lint;

import java.util.Objects;

/**
 * One thing the linter found.
 *
 * @param rule     the rule that fired
 * @param severity its severity after the user's overrides
 * @param version  the migration's version
 * @param file     the file, relative to the migrations folder
 * @param line     1-based line of the statement (of the file's first line for findings about the whole file)
 * @param message  what is wrong, naming the objects
 * @param fix      the next step, in one line
 */
public record Finding(Rule rule, Severity severity, String version, String file, int line, String message,
                      String fix) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
