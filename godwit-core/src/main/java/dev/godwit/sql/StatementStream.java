package dev.godwit.sql;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The statements of a script read as a stream ({@link SqlSplitter#stream}): each is cut when it is asked for, and
 * the text before it is let go, so that memory holds one statement at a time, not the script. A problem in the
 * script ({@link dev.godwit.ErrorCode#MIGRATION_FILE}) is thrown when the lexer reaches it.
 */
public final class StatementStream implements Iterator<Statement> {
    private final ScriptLexer lexer;
    private Statement next;
    private boolean done;

    StatementStream(ScriptLexer lexer) {
        this.lexer = lexer;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = lexer.next();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public Statement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Statement s = next;
        next = null;
        return s;
    }

    /** Characters of the script read so far (CRLF counted as two), for progress. */
    public long charsRead() {
        return lexer.consumed();
    }
}
