package dev.godwit.dialect;

import dev.godwit.ErrorCode;
import dev.godwit.sql.Statement;

/**
 * Thrown by a session when a statement fails; the engine adds which migration it belongs to. The work of the
 * change has been rolled back by then (for a transactional change).
 */
public final class StatementFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Statement statement;
    private final int index;
    private final String hint;
    private final ErrorCode code;

    /**
     * @param statement the statement that failed
     * @param index     its 0-based position in the change
     * @param message   the database's message
     * @param hint      a dialect-specific remedy (e.g. add {@code -- godwit:no-transaction}), or empty
     */
    public StatementFailure(Statement statement, int index, String message, String hint, Throwable cause) {
        this(statement, index, message, hint, ErrorCode.MIGRATION_FAILED, cause);
    }

    /** @param code what the failure means for the exit code (e.g. {@link ErrorCode#LOCKED} for a lock timeout) */
    public StatementFailure(Statement statement, int index, String message, String hint, ErrorCode code,
                            Throwable cause) {
        super(message, cause);
        this.statement = statement;
        this.index = index;
        this.hint = hint == null ? "" : hint;
        this.code = code == null ? ErrorCode.MIGRATION_FAILED : code;
    }

    public Statement statement() {
        return statement;
    }

    public int index() {
        return index;
    }

    public String hint() {
        return hint;
    }

    public ErrorCode code() {
        return code;
    }
}
