package dev.godwit.sql;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The text a {@link ScriptLexer} reads, by absolute position: a whole string, or a window over a {@link Reader}
 * that is filled as the lexer reads ahead and emptied of what lies before the statement being read
 * ({@link #release}), so that a script of any size is read in memory bounded by its longest statement. CRLF is
 * read as LF.
 */
final class ScriptText {
    private static final int CHUNK = 1 << 16;

    private final Reader reader;
    private final String name;
    private char[] buf;
    /** Absolute position of {@code buf[0]}. */
    private int base;
    /** Characters in {@code buf}. */
    private int filled;
    private boolean eof;
    private char[] chunk;
    private boolean pendingCr;
    private long consumed;

    ScriptText(String script) {
        this.reader = null;
        this.name = null;
        this.buf = script.replace("\r\n", "\n").toCharArray();
        this.filled = buf.length;
        this.eof = true;
    }

    /** @param name the file read, for a read error */
    ScriptText(Reader reader, String name) {
        this.reader = reader;
        this.name = name;
        this.buf = new char[CHUNK * 2];
        this.chunk = new char[CHUNK];
    }

    /** Whether there is a character at {@code i} (reading ahead as needed). */
    boolean has(int i) {
        while (i - base >= filled) {
            if (eof || !fill()) {
                return false;
            }
        }
        return true;
    }

    /** The character at {@code i}, which {@link #has} said is there. */
    char charAt(int i) {
        return buf[i - base];
    }

    boolean startsWith(String s, int i) {
        if (!has(i + s.length() - 1)) {
            return false;
        }
        int off = i - base;
        for (int k = 0; k < s.length(); k++) {
            if (buf[off + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    int indexOf(char c, int from) {
        for (int i = from; has(i); i++) {
            if (buf[i - base] == c) {
                return i;
            }
        }
        return -1;
    }

    int indexOf(String s, int from) {
        for (int i = from; has(i + s.length() - 1); i++) {
            if (startsWith(s, i)) {
                return i;
            }
        }
        return -1;
    }

    String substring(int from, int to) {
        return new String(buf, from - base, to - from);
    }

    /** Up to {@code max} characters from {@code from}, for messages. */
    String upTo(int from, int max) {
        int end = from;
        while (end - from < max && has(end)) {
            end++;
        }
        return substring(from, end);
    }

    /** The length of the whole text: reads to its end (used once the end has been reached). */
    int length() {
        while (!eof) {
            fill();
        }
        return base + filled;
    }

    /** Characters read from the reader so far (for progress); for a string, its length. */
    long consumed() {
        return reader == null ? filled : consumed;
    }

    /**
     * Lets go of the text before {@code keep}, but not of the line it stands on (the lexer looks back to the start
     * of a line). A string is kept whole.
     */
    void release(int keep) {
        if (reader == null) {
            return;
        }
        int from = keep;
        while (from > base && buf[from - 1 - base] != '\n') {
            from--;
        }
        if (from > base) {
            from--; // the line end before it stays too
        }
        int drop = from - base;
        if (drop < CHUNK) {
            return; // moving the rest costs more than keeping a little
        }
        System.arraycopy(buf, drop, buf, 0, filled - drop);
        filled -= drop;
        base = from;
    }

    /** Reads the next chunk; false when nothing was added (the end). */
    private boolean fill() {
        if (filled + CHUNK + 1 > buf.length) {
            char[] bigger = new char[Math.max(buf.length * 2, filled + CHUNK + 1)];
            System.arraycopy(buf, 0, bigger, 0, filled);
            buf = bigger;
        }
        int n;
        try {
            n = reader.read(chunk, 0, CHUNK);
        } catch (UncheckedIOException e) {
            throw readError(e.getCause());
        } catch (IOException e) {
            throw readError(e);
        }
        if (n < 0) {
            eof = true;
            if (pendingCr) {
                buf[filled++] = '\r';
                pendingCr = false;
                return true;
            }
            return false;
        }
        consumed += n;
        // CRLF as LF; a CR at the end of a chunk waits for the next one
        int w = filled;
        for (int r = 0; r < n; r++) {
            char c = chunk[r];
            if (pendingCr) {
                pendingCr = false;
                if (c != '\n') {
                    buf[w++] = '\r';
                }
            }
            if (c == '\r') {
                pendingCr = true;
            } else {
                buf[w++] = c;
            }
        }
        filled = w;
        return true;
    }

    private GodwitException readError(IOException e) {
        return new GodwitException(ErrorCode.MIGRATION_FILE, name + ": cannot read: " + e.getMessage(),
                e instanceof java.nio.charset.CharacterCodingException
                        ? "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)" : "check the file's permissions",
                e);
    }
}
