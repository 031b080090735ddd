package dev.godwit.migration;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A section of a migration file too large to hold in memory: read from the file each time it is needed (its
 * statements are cut from the stream as they run), never as one string. Lines {@code fromLine} (1-based) up to but
 * not including {@code toLine} ({@link Integer#MAX_VALUE}: to the end), joined with LF, a leading byte order mark
 * dropped: the same text a section of a file read whole has.
 *
 * @param path     the file
 * @param fromLine the section's first line
 * @param toLine   the line after its last ({@link Integer#MAX_VALUE}: the file's end)
 * @param bytes    the file's size, for progress
 * @param checksum its {@link Checksum#of checksum}, taken when the file was read
 */
public record FileSlice(Path path, int fromLine, int toLine, long bytes, String checksum) {
    public FileSlice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** A reader of the section's text; the caller closes it. {@link Text#bytesRead()} tells how far it got. */
    public Text open() {
        try {
            return new Text(path, fromLine, toLine);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.MIGRATION_FILE, path.getFileName() + ": cannot read: "
                    + e.getMessage(), "check the file's permissions", e);
        }
    }

    /** Strict UTF-8 lines of a file; lines before the first wanted are read and dropped. */
    public static BufferedReader lines(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
    }

    /** The section's text as a reader, line by line. */
    public static final class Text extends Reader {
        private final Counting counting;
        private final BufferedReader lines;
        private final int toLine;
        private int lineNo;
        private String current;
        private int at;
        private boolean needNewline;
        private boolean first = true;

        private Text(Path path, int fromLine, int toLine) throws IOException {
            this.counting = new Counting(Files.newInputStream(path));
            this.lines = lines(counting);
            this.toLine = toLine;
            try {
                for (lineNo = 1; lineNo < fromLine; lineNo++) {
                    if (lines.readLine() == null) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw e;
            }
        }

        /** Bytes of the file read so far. */
        public long bytesRead() {
            return counting.count;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                if (needNewline) {
                    buf[off + n++] = '\n';
                    needNewline = false;
                } else if (current != null && at < current.length()) {
                    int k = Math.min(len - n, current.length() - at);
                    current.getChars(at, at + k, buf, off + n);
                    at += k;
                    n += k;
                } else if (!nextLine()) {
                    break;
                }
            }
            return n == 0 && len > 0 ? -1 : n;
        }

        private boolean nextLine() throws IOException {
            if (lineNo >= toLine) {
                return false;
            }
            String line = lines.readLine();
            if (line == null) {
                lineNo = toLine;
                return false;
            }
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            needNewline = !first;
            first = false;
            lineNo++;
            current = line;
            at = 0;
            return true;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
