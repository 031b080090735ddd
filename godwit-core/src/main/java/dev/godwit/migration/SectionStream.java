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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The statements of a large section ({@link FileSlice}), cut from the file as they are asked for. A problem the
 * lexer meets (an unterminated quote, a statement that controls the transaction) is thrown when it is reached,
 * naming the file and line: a run in a transaction rolls back, so a late problem leaves nothing of the migration.
 *
 * <p>With a second core, the file is read and cut on a thread of its own a little ahead of the statements being
 * run (at most {@link #AHEAD_STATEMENTS} statements and {@link #AHEAD_CHARS} characters ahead, so memory stays
 * bounded), and a problem found there is thrown here when the statements before it have been taken.
 */
public final class SectionStream implements Iterator<Statement>, AutoCloseable {
    private static final int AHEAD_STATEMENTS = 1024;
    private static final int AHEAD_CHARS = 1 << 20;

    private final String file;
    private final FileSlice slice;
    private final FileSlice.Text text;
    private final StatementStream statements;
    private final boolean refuseTransactionControl;
    private final Ahead ahead;

    SectionStream(String file, FileSlice slice, SqlSplitter splitter, boolean refuseTransactionControl) {
        this.file = file;
        this.slice = slice;
        this.text = slice.open();
        this.statements = splitter.stream(text, file, slice.fromLine());
        this.refuseTransactionControl = refuseTransactionControl;
        this.ahead = Runtime.getRuntime().availableProcessors() > 1
                && Boolean.parseBoolean(System.getProperty("godwit.readAhead", "true")) ? new Ahead() : null;
    }

    @Override
    public boolean hasNext() {
        return ahead != null ? ahead.hasNext() : statements.hasNext();
    }

    @Override
    public Statement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ahead != null ? ahead.next() : checked(statements.next());
    }

    private Statement checked(Statement st) {
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

    /** Bytes of the file read so far (with a second core, a little ahead of the statements taken). */
    public long bytesRead() {
        return text.bytesRead();
    }

    /** The file's size in bytes. */
    public long bytesTotal() {
        return slice.bytes();
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.stop();
        }
        try {
            text.close();
        } catch (IOException e) {
            // read to the end or abandoned: nothing to keep
        }
    }

    /** The statements cut on a thread of their own, handed over through a bounded queue. */
    private final class Ahead {
        /** Marks the end of the statements (compared by identity). */
        private final Statement end = new Statement("-- end", 1);
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD_STATEMENTS);
        private final Semaphore chars = new Semaphore(AHEAD_CHARS);
        private final Thread thread;
        private Object taken;

        Ahead() {
            thread = new Thread(this::cut, "godwit-statements");
            thread.setDaemon(true);
            thread.start();
        }

        private void cut() {
            try {
                try {
                    while (statements.hasNext()) {
                        Statement st = checked(statements.next());
                        chars.acquire(weight(st));
                        queue.put(st);
                    }
                    queue.put(end);
                } catch (RuntimeException | Error e) {
                    queue.put(e); // thrown where the statements reach it
                }
            } catch (InterruptedException e) {
                // the run stopped taking statements (it failed or was stopped): nothing more to cut
            }
        }

        boolean hasNext() {
            if (taken == null) {
                try {
                    taken = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GodwitException(ErrorCode.MIGRATION_FAILED, file + ": interrupted while reading its "
                            + "statements", "run it again");
                }
                if (taken instanceof Statement st && st != end) {
                    chars.release(weight(st));
                }
            }
            if (taken instanceof RuntimeException e) {
                throw e;
            }
            if (taken instanceof Error e) {
                throw e;
            }
            return taken != end;
        }

        Statement next() {
            Statement st = (Statement) taken;
            taken = null;
            return st;
        }

        void stop() {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static int weight(Statement st) {
            return Math.min(st.sql().length(), AHEAD_CHARS);
        }
    }
}
