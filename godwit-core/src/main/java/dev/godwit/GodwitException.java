package dev.godwit;

import java.util.Objects;

/**
 * The one exception Godwit throws: it carries an {@link ErrorCode} (mapped to the CLI's exit code) and a hint that
 * names the next step for the user.
 */
public class GodwitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    public GodwitException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public GodwitException(ErrorCode code, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint == null ? "" : hint;
    }

    public ErrorCode code() {
        return code;
    }

    /** What the user can do next; empty when there is nothing useful to say. */
    public String hint() {
        return hint;
    }
}
