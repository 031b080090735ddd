package dev.godwit.dialect;

import dev.godwit.sql.Statement;
import java.util.Optional;

/**
 * Thrown by a session when the connection to the database was lost while a change ran or committed (the server
 * ended the session, restarted, or the network went away), as opposed to a statement the database refused. The
 * session has tried to reconnect and read history to learn the change's outcome; the engine says what is true.
 */
public final class ConnectionLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Statement statement;
    private final int index;
    private final transient Boolean done;

    /**
     * @param statement the statement that was running, or null when the connection was lost around it (writing the
     *                  history row, COMMIT)
     * @param index     its 0-based position in the change, or -1
     * @param message   the database's or driver's message
     * @param done      whether history, read again on a new connection, shows the change done (applied or reverted);
     *                  null when the database could not be reached again or the outcome cannot be read from history
     */
    public ConnectionLost(Statement statement, int index, String message, Boolean done, Throwable cause) {
        super(message, cause);
        this.statement = statement;
        this.index = index;
        this.done = done;
    }

    /** The statement that was running when the connection was lost, if one was. */
    public Optional<Statement> statement() {
        return Optional.ofNullable(statement);
    }

    public int index() {
        return index;
    }

    /** Whether the change is done, as history read after reconnecting says; empty when unknown. */
    public Optional<Boolean> done() {
        return Optional.ofNullable(done);
    }
}
