package dev.godwit;

import java.util.List;
import java.util.Objects;

/**
 * The one exception Godwit throws: it carries an {@link ErrorCode} (mapped to the CLI's exit code) and a hint that
 * names the next step for the user.
 */
public class GodwitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of error. */
    private final ErrorCode code;
    /** The next step, or empty. */
    private final String hint;
    /** Each problem on its own, or empty. */
    private final List<String> problems;

    /**
     * An error with its code and next step.
     *
     * @param code what kind of error
     * @param message what went wrong, naming the file or migration
     * @param hint the next step, or {@code null}
     */
    public GodwitException(ErrorCode code, String message, String hint) {
        this(code, message, hint, (Throwable) null);
    }

    /**
     * An error with its code, next step and cause.
     *
     * @param code what kind of error
     * @param message what went wrong, naming the file or migration
     * @param hint the next step, or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public GodwitException(ErrorCode code, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint == null ? "" : hint;
        this.problems = List.of();
    }

    /**
     * An error made of several problems found at once (files, a plan); the message joins them, {@link #problems()}
     * keeps them apart.
     *
     * @param code what kind of error
     * @param message all problems joined
     * @param hint the next step, or {@code null}
     * @param problems each problem on its own
     */
    public GodwitException(ErrorCode code, String message, String hint, List<String> problems) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint == null ? "" : hint;
        this.problems = List.copyOf(problems);
    }

    /** @return what kind of error (and so the exit code) */
    public ErrorCode code() {
        return code;
    }

    /**
     * Each problem on its own (naming its file or migration) when several were found at once; else empty.
     *
     * @return the problems, or an empty list
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * What the user can do next; empty when there is nothing useful to say.
     *
     * @return the next step, or empty
     */
    public String hint() {
        return hint;
    }
}
