package dev.godwit.dialect;

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

    /**
     * @param statement the statement that failed
     * @param index     its 0-based position in the change
     * @param message   the database's message
     * @param hint      a dialect-specific remedy (e.g. add {@code -- godwit:no-transaction}), or empty
     */
    public StatementFailure(Statement statement, int index, String message, String hint, Throwable cause) {
        super(message, cause);
        this.statement = statement;
        this.index = index;
        this.hint = hint == null ? "" : hint;
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
}
