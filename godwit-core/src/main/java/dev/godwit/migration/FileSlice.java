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
 * <p>Its {@link Checksum#of checksum} is taken from the text as it is read to its end: a run that streams the
 * section to execute it hashes it in the same pass, so a file that is applied is read twice (the first, cheap pass
 * finds its section markers before anything runs), not three times. Asked before any such read (comparing an
 * applied migration, {@code status}), the checksum costs one pass of its own; either way it is taken once.
 */
public final class FileSlice {
    private final Path path;
    private final int fromLine;
    private final int toLine;
    private final long bytes;
    private volatile String checksum;

    /**
     * @param path     the file
     * @param fromLine the section's first line
     * @param toLine   the line after its last ({@link Integer#MAX_VALUE}: the file's end)
     * @param bytes    the file's size, for progress
     */
    public FileSlice(Path path, int fromLine, int toLine, long bytes) {
        this.path = Objects.requireNonNull(path, "path");
        this.fromLine = fromLine;
        this.toLine = toLine;
        this.bytes = bytes;
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the section's first line */
    public int fromLine() {
        return fromLine;
    }

    /** @return the line after its last ({@link Integer#MAX_VALUE}: the file's end) */
    public int toLine() {
        return toLine;
    }

    /** @return the file's size in bytes, for progress */
    public long bytes() {
        return bytes;
    }

    /**
     * The section's checksum: the one taken when a reader of it ({@link #open}) reached its end, else taken now by
     * reading it once.
     *
     * @return the {@link Checksum#of checksum} of the section's text
     */
    public String checksum() {
        String known = checksum;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (checksum == null) {
                char[] buf = new char[1 << 14];
                try (Text text = open()) {
                    while (text.read(buf, 0, buf.length) >= 0) {
                        // the reader hashes what it hands out, and keeps the checksum when it reaches the end
                    }
                } catch (IOException e) {
                    throw new GodwitException(ErrorCode.MIGRATION_FILE, path.getFileName() + ": cannot read: "
                            + e.getMessage(), "check the file's permissions", e);
                }
            }
            return checksum;
        }
    }

    /**
     * Whether the checksum is known without reading the section again.
     *
     * @return true once a reader reached the section's end (or {@link #checksum()} was asked)
     */
    public boolean checksumKnown() {
        return checksum != null;
    }

    /** A reader of the section's text; the caller closes it. {@link Text#bytesRead()} tells how far it got. */
    public Text open() {
        try {
            return new Text(this);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.MIGRATION_FILE, path.getFileName() + ": cannot read: "
                    + e.getMessage(), "check the file's permissions", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSlice f && f.path.equals(path) && f.fromLine == fromLine && f.toLine == toLine
                && f.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, fromLine, toLine, bytes);
    }

    @Override
    public String toString() {
        return "FileSlice[" + path + ", lines " + fromLine + ".." + (toLine == Integer.MAX_VALUE ? "end" : toLine)
                + ", " + bytes + " bytes]";
    }

    /** Strict UTF-8 lines of a file; lines before the first wanted are read and dropped. */
    public static BufferedReader lines(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
    }

    /** The section's text as a reader, line by line. */
    public static final class Text extends Reader {
        private final FileSlice slice;
        private final SideDigest digest;
        private final Counting counting;
        private final BufferedReader lines;
        private final int toLine;
        private int lineNo;
        private String current;
        private int at;
        private boolean needNewline;
        private boolean first = true;
        private boolean ended;

        private Text(FileSlice slice) throws IOException {
            this.slice = slice;
            this.counting = new Counting(Files.newInputStream(slice.path));
            this.lines = lines(counting);
            this.toLine = slice.toLine;
            try {
                for (lineNo = 1; lineNo < slice.fromLine; lineNo++) {
                    if (lines.readLine() == null) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw e;
            }
            this.digest = new SideDigest(); // once the file is open and positioned: its thread is stopped by close()
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
                return atEnd();
            }
            String line = lines.readLine();
            if (line == null) {
                lineNo = toLine;
                return atEnd();
            }
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            needNewline = !first;
            if (!first) {
                digest.add('\n');
            }
            digest.add(line);
            first = false;
            lineNo++;
            current = line;
            at = 0;
            return true;
        }

        /** The whole section was read: its checksum is known from now on. */
        private boolean atEnd() {
            if (!ended) {
                ended = true;
                if (slice.checksum == null) {
                    slice.checksum = digest.finish();
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            digest.close();
            lines.close();
        }
    }

    private static final class Counting extends FilterInputStream {
        private volatile long count;

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
