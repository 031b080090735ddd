package dev.godwit.migration;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.sql.Statement;
import dev.godwit.sql.StatementStream;
import dev.godwit.sql.TransactionControl;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The statements of a large section ({@link FileSlice}), cut from the file as they are asked for. A problem the
 * lexer meets (an unterminated quote, a statement that controls the transaction) is thrown when it is reached,
 * naming the file and line: a run in a transaction rolls back, so a late problem leaves nothing of the migration.
 */
public final class SectionStream implements Iterator<Statement>, AutoCloseable {
    private final String file;
    private final FileSlice slice;
    private final FileSlice.Text text;
    private final StatementStream statements;
    private final boolean refuseTransactionControl;

    SectionStream(String file, FileSlice slice, SqlSplitter splitter, boolean refuseTransactionControl) {
        this.file = file;
        this.slice = slice;
        this.text = slice.open();
        this.statements = splitter.stream(text, file, slice.fromLine());
        this.refuseTransactionControl = refuseTransactionControl;
    }

    @Override
    public boolean hasNext() {
        return statements.hasNext();
    }

    @Override
    public Statement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Statement st = statements.next();
        if (refuseTransactionControl) {
            TransactionControl.of(st.sql()).ifPresent(words -> {
                throw new GodwitException(ErrorCode.MIGRATION_FILE, file + ":" + st.line() + ": " + words
                        + " controls the transaction that Godwit runs this migration in (and commits with its "
                        + "history row)", "remove the transaction control statements, or add "
                        + "'-- godwit:no-transaction' as the first line of the file to run its statements one by one "
                        + "without a transaction");
            });
        }
        return st;
    }

    /** Bytes of the file read so far. */
    public long bytesRead() {
        return text.bytesRead();
    }

    /** The file's size in bytes. */
    public long bytesTotal() {
        return slice.bytes();
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            // read to the end or abandoned: nothing to keep
        }
    }
}
