package dev.godwit.source;

import dev.godwit.migration.Directives;
import dev.godwit.migration.FileProblems;
import dev.godwit.migration.FileSlice;
import dev.godwit.migration.SqlBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of one migration file into sections, not yet split into statements. A single file has a line
 * {@code -- migrate:up} (or {@code -- UP}) and optionally {@code -- migrate:down} (or {@code -- DOWN}); a file of a
 * pair is one section. Sections without statements (empty or only comments) are returned as they are; splitting
 * them for a dialect ({@link dev.godwit.migration.MigrationSet#prepare}) gives them their meaning: an up section not
 * written yet, a down section that counts as none.
 */
final class MigrationFileParser {
    private static final Pattern MARKER = Pattern.compile(
            "^\\s*--\\s*(?:migrate:(up|down)\\b(.*)|(up|down))\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*godwit:(.*)$");

    /** Sections of a single file; either may be null when absent. Problems go to {@code problems}. */
    record Parsed(SqlBody up, SqlBody down) {
    }

    Parsed parseSingle(String file, String text, FileProblems problems) {
        List<String> lines = text.lines().toList();
        int upMarker = -1;
        int downMarker = -1;
        Directives upOptions = Directives.NONE;
        Directives downOptions = Directives.NONE;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("--")) {
                continue; // no marker: spares the regular expression on every line of SQL
            }
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String which = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase(Locale.ROOT);
            boolean noTx = m.group(2) != null && m.group(2).contains("transaction:false");
            if (which.equals("up")) {
                if (upMarker >= 0) {
                    problems.add(file, i + 1, "a second up marker (the first is on line " + (upMarker + 1) + ")",
                            "keep one '-- migrate:up' line per file");
                    return new Parsed(null, null);
                }
                upMarker = i;
                upOptions = new Directives(noTx, false);
            } else {
                if (downMarker >= 0) {
                    problems.add(file, i + 1, "a second down marker (the first is on line " + (downMarker + 1)
                            + ")", "keep one '-- migrate:down' line per file");
                    return new Parsed(null, null);
                }
                downMarker = i;
                downOptions = new Directives(noTx, false);
            }
        }
        if (upMarker < 0) {
            problems.add(file, 0, "no up section: the file has no '-- migrate:up' (or '-- UP') line",
                    "start the SQL that applies the migration with a line '-- migrate:up', and the SQL that "
                            + "reverts it with '-- migrate:down'");
            return new Parsed(null, null);
        }
        int firstMarker = Math.min(upMarker, downMarker < 0 ? upMarker : downMarker);
        String header = String.join("\n", lines.subList(0, firstMarker));
        Directives headerDirectives = directives(file, 1, header, problems);
        if (!onlyComments(header)) {
            problems.add(file, firstLineWithCode(lines, firstMarker), "SQL before the first section marker",
                    "move it below '-- migrate:up' or '-- migrate:down', or make it a comment");
        }
        SqlBody up = section(file, lines, upMarker, downMarker, headerDirectives, upOptions, problems);
        SqlBody down = downMarker < 0 ? null
                : section(file, lines, downMarker, upMarker, headerDirectives, downOptions, problems);
        return new Parsed(up, down);
    }

    /** How much of a large section's beginning is kept as its text, for messages. */
    private static final int HEAD_CHARS = 4096;
    /** How much of a large file's header (before its first marker) and leading comments is kept to read. */
    private static final int KEPT_CHARS = 1 << 20;

    /**
     * As {@link #parseSingle} (or, with {@code whole}, {@link #parseWhole}) for a file too large to hold in memory:
     * one pass over its lines finds the markers and directives and keeps its down section's text; the up section
     * becomes a {@link FileSlice}, read again as it runs (and hashed then).
     */
    Parsed parseLarge(String file, Path path, long size, boolean whole, FileProblems problems) {
        int upMarker = whole ? 0 : -1;
        int downMarker = -1;
        Directives upOptions = Directives.NONE;
        Directives downOptions = Directives.NONE;
        StringBuilder header = new StringBuilder();
        StringBuilder upLeading = new StringBuilder();
        boolean upLeadingDone = false;
        StringBuilder head = new StringBuilder();
        StringBuilder down = null;
        boolean firstUpLine = true;
        int lineNo = 0;
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (ByteLines lines = new ByteLines(Files.newInputStream(path))) {
            while (lines.next()) {
                lineNo++;
                boolean inUp = upMarker >= 0 && (downMarker < upMarker);
                boolean markerLike = !whole && lines.startsWithComment(lineNo == 1);
                if (inUp && !markerLike && upLeadingDone && head.length() >= HEAD_CHARS) {
                    // the bulk of the up section: only checked to be UTF-8, never turned into a string here
                    if (lines.nonAscii()) {
                        lines.decode(utf8);
                    }
                    continue;
                }
                String line = lines.decode(utf8);
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                Matcher m = markerLike ? MARKER.matcher(line) : null;
                if (m != null && m.matches()) {
                    String which = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase(Locale.ROOT);
                    boolean noTx = m.group(2) != null && m.group(2).contains("transaction:false");
                    int previous = which.equals("up") ? upMarker : downMarker;
                    if (previous >= 0) {
                        problems.add(file, lineNo, "a second " + which + " marker (the first is on line " + previous
                                + ")", "keep one '-- migrate:" + which + "' line per file");
                        return new Parsed(null, null);
                    }
                    if (which.equals("up")) {
                        upMarker = lineNo;
                        upOptions = new Directives(noTx, false);
                    } else {
                        downMarker = lineNo;
                        downOptions = new Directives(noTx, false);
                        down = new StringBuilder();
                    }
                    continue;
                }
                if (inUp) {
                    if (!firstUpLine && head.length() < HEAD_CHARS) {
                        head.append('\n');
                    }
                    firstUpLine = false;
                    if (head.length() < HEAD_CHARS) {
                        head.append(line, 0, Math.min(line.length(), HEAD_CHARS - head.length()));
                    }
                    if (!upLeadingDone) {
                        String t = line.strip();
                        upLeadingDone = (!t.isEmpty() && !t.startsWith("--")) || upLeading.length() > KEPT_CHARS;
                        upLeading.append(line).append('\n');
                    }
                } else if (downMarker >= 0) {
                    down.append(down.isEmpty() && lineNo == downMarker + 1 ? "" : "\n").append(line);
                } else if (header.length() <= KEPT_CHARS) {
                    header.append(line).append('\n');
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(file, lineNo, "not valid UTF-8", "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
            return new Parsed(null, null);
        } catch (IOException e) {
            problems.add(file, 0, "cannot read: " + e.getMessage(), "check the file's permissions");
            return new Parsed(null, null);
        }
        if (upMarker < 0) {
            problems.add(file, 0, "no up section: the file has no '-- migrate:up' (or '-- UP') line",
                    "start the SQL that applies the migration with a line '-- migrate:up', and the SQL that "
                            + "reverts it with '-- migrate:down'");
            return new Parsed(null, null);
        }
        Directives headerDirectives = Directives.NONE;
        if (!whole) {
            headerDirectives = directives(file, 1, header.toString(), problems);
            if (header.length() > KEPT_CHARS || !onlyComments(header.toString())) {
                problems.add(file, firstLineWithCode(header.toString().lines().toList(),
                        (int) header.toString().lines().count()), "SQL before the first section marker",
                        "move it below '-- migrate:up' or '-- migrate:down', or make it a comment");
            }
        }
        int upFirst = whole ? 1 : upMarker + 1;
        Directives own = directives(file, upFirst, upLeading.toString(), problems);
        Directives upDirectives = new Directives(headerDirectives.noTransaction() || upOptions.noTransaction()
                || own.noTransaction(), headerDirectives.foreignKeysOff() || own.foreignKeysOff());
        // no checksum yet: the run that streams the section takes it as it reads (FileSlice)
        FileSlice slice = new FileSlice(path, upFirst, downMarker > upMarker ? downMarker : Integer.MAX_VALUE, size);
        String text = head + "\n-- ... (" + size + " bytes in the file: read from it as it runs)";
        SqlBody up = body(file, upFirst, text, upDirectives, problems);
        up = up == null ? null : new SqlBody(file, upFirst, text, upDirectives, slice);
        SqlBody downBody = null;
        if (downMarker >= 0) {
            Directives downOwn = directives(file, downMarker + 1, down.toString(), problems);
            downBody = body(file, downMarker + 1, down.toString(), new Directives(headerDirectives.noTransaction()
                    || downOptions.noTransaction() || downOwn.noTransaction(), headerDirectives.foreignKeysOff()
                    || downOwn.foreignKeysOff()), problems);
        }
        return new Parsed(up, downBody);
    }

    /**
     * The one section of a file of a pair. A section without statements (empty, or only comments) is returned as
     * it is: the caller decides what that means (an up section not written yet, a down section that is none).
     */
    SqlBody parseWhole(String file, String text, FileProblems problems) {
        Directives d = directives(file, 1, text, problems);
        return body(file, 1, text, d, problems);
    }

    private SqlBody section(String file, List<String> lines, int marker, int otherMarker, Directives header,
                            Directives fromMarker, FileProblems problems) {
        int end = otherMarker > marker ? otherMarker : lines.size();
        String body = String.join("\n", lines.subList(marker + 1, end));
        Directives own = directives(file, marker + 2, body, problems);
        Directives merged = new Directives(header.noTransaction() || fromMarker.noTransaction() || own.noTransaction(),
                header.foreignKeysOff() || own.foreignKeysOff());
        return body(file, marker + 2, body, merged, problems);
    }

    private SqlBody body(String file, int firstLine, String body, Directives d, FileProblems problems) {
        if (d.noTransaction() && d.foreignKeysOff()) {
            problems.add(file, firstLine, "'-- godwit:foreign-keys off' needs a transaction, but the section "
                    + "also says '-- godwit:no-transaction'", "keep one of the two directives: foreign keys are "
                    + "checked before COMMIT, which a migration without a transaction does not have");
            return null;
        }
        return new SqlBody(file, firstLine, body, d);
    }

    /** Directives stand in the comment lines before the first statement of a text. */
    private static Directives directives(String file, int firstLine, String text, FileProblems problems) {
        boolean noTx = false;
        boolean fkOff = false;
        int n = firstLine;
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                break;
            }
            Matcher m = DIRECTIVE.matcher(t);
            if (m.matches()) {
                String d = m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                switch (d) {
                    case "no-transaction" -> noTx = true;
                    case "foreign-keys off", "foreign-keys=off", "foreign-keys:off" -> fkOff = true;
                    default -> {
                        if (d.startsWith("lint-ignore")) {
                            break; // read by the linter (dev.godwit.lint)
                        } problems.add(file, n, "unknown directive '-- godwit:" + m.group(1).strip() + "'",
                            "known directives: '-- godwit:no-transaction', '-- godwit:foreign-keys off', "
                                    + "'-- godwit:lint-ignore RULE'");
                    }
                }
            }
            n++;
        }
        return new Directives(noTx, fkOff);
    }

    private static boolean onlyComments(String text) {
        boolean inBlock = false;
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (inBlock) {
                if (t.contains("*/")) {
                    inBlock = false;
                }
                continue;
            }
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            if (t.startsWith("/*")) {
                inBlock = !t.contains("*/");
                continue;
            }
            return false;
        }
        return true;
    }

    private static int firstLineWithCode(List<String> lines, int limit) {
        for (int i = 0; i < limit; i++) {
            String t = lines.get(i).strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return i + 1;
            }
        }
        return 1;
    }
    /**
     * The lines of a stream as bytes, ended by LF, CR or CRLF as {@link java.io.BufferedReader#readLine} ends them,
     * so that the bulk of a large file is scanned without being decoded: only the lines that need their text (or
     * hold bytes outside ASCII, to be checked as UTF-8) are turned into strings.
     */
    private static final class ByteLines implements AutoCloseable {
        private final java.io.InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private boolean crBefore;
        private byte[] line = new byte[1 << 10];
        private int length;
        private int high;

        ByteLines(java.io.InputStream in) {
            this.in = in;
        }

        /** Moves to the next line; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            high = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any;
                    }
                }
                if (crBefore) {
                    crBefore = false;
                    if (buf[pos] == '\n') {
                        pos++; // the LF of a CRLF
                        continue;
                    }
                }
                any = true;
                int start = pos;
                int bits = 0;
                while (pos < limit) {
                    byte b = buf[pos];
                    if (b == '\n' || b == '\r') {
                        break;
                    }
                    bits |= b;
                    pos++;
                }
                high |= bits & 0x80;
                append(start, pos - start);
                if (pos < limit) {
                    crBefore = buf[pos++] == '\r';
                    return true;
                }
            }
        }

        private void append(int from, int n) {
            if (length + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buf, from, line, length, n);
            length += n;
        }

        /** Whether the line holds a byte outside ASCII. */
        boolean nonAscii() {
            return high != 0;
        }

        /** Whether the line's first characters after blanks are {@code --} (a byte order mark first skipped). */
        boolean startsWithComment(boolean first) {
            int i = first && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF
                    ? 3 : 0;
            while (i < length && (line[i] == ' ' || line[i] == '\t' || line[i] == 0x0B || line[i] == '\f')) {
                i++;
            }
            return i + 1 < length && line[i] == '-' && line[i + 1] == '-';
        }

        /** The line as strict UTF-8. */
        String decode(java.nio.charset.CharsetDecoder utf8) throws java.nio.charset.CharacterCodingException {
            if (high == 0) {
                return new String(line, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            utf8.reset();
            return utf8.decode(java.nio.ByteBuffer.wrap(line, 0, length)).toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
