package dev.godwit;

import java.util.List;
import java.util.Objects;

/**
 * The one exception Godwit throws: it carries an {@link ErrorCode} (mapped to the CLI's exit code) and a hint that
 * names the next step for the user.
 */
public class GodwitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;
    private final List<String> problems;

    public GodwitException(ErrorCode code, String message, String hint) {
        this(code, message, hint, (Throwable) null);
    }

    public GodwitException(ErrorCode code, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint == null ? "" : hint;
        this.problems = List.of();
    }

    /**
     * An error made of several problems found at once (files, a plan); the message joins them, {@link #problems()}
     * keeps them apart.
     */
    public GodwitException(ErrorCode code, String message, String hint, List<String> problems) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint == null ? "" : hint;
        this.problems = List.copyOf(problems);
    }

    public ErrorCode code() {
        return code;
    }

    /** Each problem on its own (naming its file or migration) when several were found at once; else empty. */
    public List<String> problems() {
        return problems;
    }

    /** What the user can do next; empty when there is nothing useful to say. */
    public String hint() {
        return hint;
    }
}
