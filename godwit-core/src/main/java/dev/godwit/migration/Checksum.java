package dev.godwit.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Checksums of migration text: SHA-256 of the normalised text, written with its algorithm and normalisation as a
 * prefix, so that either can change without breaking recorded history. Two are known:
 * <ul>
 *   <li>{@value #PREFIX} (what Godwit records now): ignores a byte order mark, the line-ending style (CRLF, CR or
 *   LF), spaces and tabs at the end of a line, and blank lines at the start and the end of the text (so whether
 *   the text ends with a newline). Everything else counts: indentation, blank lines between statements, comments,
 *   letter case.</li>
 *   <li>{@value #LEGACY_PREFIX} (recorded by earlier versions): ignores only a byte order mark and the
 *   line-ending style. Rows recorded with it are still compared that way.</li>
 * </ul>
 */
public final class Checksum {
    /** The checksum Godwit records: SHA-256 of {@link #normalise}d text. */
    public static final String PREFIX = "sha256v2:";
    /** The checksum of earlier versions: SHA-256 of {@link #normaliseLegacy}d text. */
    public static final String LEGACY_PREFIX = "sha256:";

    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+$", Pattern.MULTILINE);

    private Checksum() {
    }

    /** The checksum to record for {@code text}. */
    public static String of(String text) {
        int slot = System.identityHashCode(text) & (RECENT.length - 1);
        Recent recent = RECENT[slot];
        if (recent != null && recent.text.get() == text) {
            return recent.checksum;
        }
        Digest digest = new Digest(Math.min(8192, text.length() * 3 + 4));
        digest.add(text, 0, text.length());
        String checksum = digest.finish();
        RECENT[slot] = new Recent(new java.lang.ref.WeakReference<>(text), checksum);
        return checksum;
    }

    /**
     * Checksums of the texts taken last, by identity: a file's text is hashed when it is read and compared with
     * history when the plan is made, and the second time costs nothing. Held weakly, so a text read once is not
     * kept; entries are immutable, so threads may race on a slot without harm.
     */
    private static final Recent[] RECENT = new Recent[4096];

    private record Recent(java.lang.ref.WeakReference<String> text, String checksum) {
    }

    /** The checksum earlier versions recorded for {@code text}. */
    public static String legacyOf(String text) {
        return LEGACY_PREFIX + sha256(normaliseLegacy(text));
    }

    /**
     * Whether {@code text} is what a recorded checksum was taken of, compared the way that checksum was taken (its
     * prefix says how). {@code null} (nothing recorded, e.g. a baseline) matches anything; an unknown prefix
     * matches nothing.
     */
    public static boolean matches(String recorded, String text) {
        if (recorded == null) {
            return true;
        }
        if (recorded.startsWith(PREFIX)) {
            return recorded.equals(of(text));
        }
        if (recorded.startsWith(LEGACY_PREFIX)) {
            return recorded.equals(legacyOf(text));
        }
        return false;
    }

    /**
     * Whether {@code text}, now in the other file format, is what a recorded checksum was taken of. The formats
     * cut a section differently (an up section of a single file ends before the down marker, a {@code .up.sql}
     * file ends with its last newline), so a {@value #LEGACY_PREFIX} checksum is compared ignoring blank lines at
     * the start and end, as {@value #PREFIX} always does. Used only when the file format changed.
     */
    public static boolean matchesInOtherFormat(String recorded, String text) {
        if (matches(recorded, text)) {
            return true;
        }
        if (!recorded.startsWith(LEGACY_PREFIX)) {
            return false;
        }
        String core = stripBlankLines(normaliseLegacy(text));
        for (String lead : new String[] {"", "\n"}) {
            for (String trail : new String[] {"", "\n", "\n\n"}) {
                if (recorded.equals(LEGACY_PREFIX + sha256(lead + core + trail))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether two texts are the same as far as {@link #normalise} is concerned; {@code null} equals only itself. */
    public static boolean sameText(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return normalise(a).equals(normalise(b));
    }

    /** The short hex of a checksum for messages, without its prefix. */
    public static String shortForm(String checksum) {
        if (checksum == null) {
            return "none";
        }
        String hex = checksum.substring(checksum.indexOf(':') + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /**
     * Text as {@value #PREFIX} checksums it: no BOM, LF line endings, no spaces or tabs at line ends, no blank lines
     * at the start or the end (and no final newline).
     */
    public static String normalise(String text) {
        return stripBlankLines(TRAILING_BLANKS.matcher(normaliseLegacy(text)).replaceAll(""));
    }

    /** Text as {@value #LEGACY_PREFIX} checksums it: no BOM, LF line endings. */
    public static String normaliseLegacy(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String stripBlankLines(String lf) {
        int start = 0;
        int end = lf.length();
        for (int i = 0; i < lf.length(); i++) {
            char c = lf.charAt(i);
            if (c == '\n') {
                start = i + 1;
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        while (end > start && lf.charAt(end - 1) == '\n') {
            end--;
        }
        return start >= end ? "" : lf.substring(start, end);
    }

    /**
     * A {@value #PREFIX} checksum taken in one pass over text that may come in pieces (a file read as a stream):
     * the same as {@link #of} of the whole text, without building the normalised text. Normalising needs to look
     * ahead only over spaces, tabs and line ends, which it holds back until it knows whether they count.
     */
    public static final class Digest {
        private final MessageDigest sha = newSha256();
        private final byte[] out;
        private int n;
        private final StringBuilder blanks = new StringBuilder();
        private int newlines;
        private boolean started;
        private boolean first = true;
        private boolean afterCr;
        private char highSurrogate;

        /** A digest for text of any length, added in pieces. */
        public Digest() {
            this(8192);
        }

        private Digest(int buffer) {
            out = new byte[Math.max(4, buffer)];
        }

        /** Adds {@code text[from, to)}. */
        public void add(CharSequence text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (isAsciiRun(c) && !first && highSurrogate == 0) {
                    i = addAsciiRun(text, i, to) - 1;
                    continue;
                }
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        continue;
                    }
                }
                if (c == '\r') {
                    afterCr = true;
                    lineEnd();
                    continue;
                }
                if (c == '\n') {
                    if (!afterCr) {
                        lineEnd();
                    }
                    afterCr = false;
                    continue;
                }
                afterCr = false;
                if (c == ' ' || c == '\t') {
                    blanks.append(c);
                } else {
                    if ((c == '\u0085' || c == '\u2028' || c == '\u2029') && blanks.length() > 0) {
                        blanks.setLength(0); // a line end for the regular expression the checksum was defined by
                    }
                    flushHeld();
                    put(c);
                    started = true;
                }
            }
        }

        private static boolean isAsciiRun(char c) {
            return (c >= ' ' && c < 0x7F) || c == '\t';
        }

        /**
         * Printable ASCII, spaces and tabs from {@code i}, the usual case, a run at a time: one byte out per char,
         * and only the blanks at the run's end held back (a line end may follow them). Returns where the run ends.
         */
        private int addAsciiRun(CharSequence text, int i, int to) {
            int end = i + 1;
            while (end < to && isAsciiRun(text.charAt(end))) {
                end++;
            }
            int content = end;
            while (content > i && (text.charAt(content - 1) == ' ' || text.charAt(content - 1) == '\t')) {
                content--;
            }
            afterCr = false;
            if (content > i) {
                if (newlines > 0 || blanks.length() > 0) {
                    flushHeld();
                }
                started = true;
                for (int k = i; k < content; k++) {
                    if (n == out.length) {
                        sha.update(out, 0, n);
                        n = 0;
                    }
                    out[n++] = (byte) text.charAt(k);
                }
            }
            for (int k = content; k < end; k++) {
                blanks.append(text.charAt(k));
            }
            return end;
        }

        /** Writes the line ends and blanks held back: content follows them. */
        private void flushHeld() {
            if (started) {
                for (; newlines > 0; newlines--) {
                    put('\n');
                }
            }
            newlines = 0;
            for (int b = 0; b < blanks.length(); b++) {
                put(blanks.charAt(b));
            }
            blanks.setLength(0);
        }

        private void lineEnd() {
            if (blanks.length() > 0) {
                blanks.setLength(0);
            }
            if (started) {
                newlines++;
            }
        }

        /** The checksum of everything added. */
        public String finish() {
            if (highSurrogate != 0) {
                putByte('?');
                highSurrogate = 0;
            }
            sha.update(out, 0, n);
            n = 0;
            return PREFIX + HexFormat.of().formatHex(sha.digest());
        }

        /** Encodes one char as UTF-8 (an unpaired surrogate as '?', as String.getBytes does). */
        private void put(char c) {
            if (highSurrogate != 0) {
                char high = highSurrogate;
                highSurrogate = 0;
                if (Character.isLowSurrogate(c)) {
                    int cp = Character.toCodePoint(high, c);
                    putByte(0xF0 | (cp >> 18));
                    putByte(0x80 | ((cp >> 12) & 0x3F));
                    putByte(0x80 | ((cp >> 6) & 0x3F));
                    putByte(0x80 | (cp & 0x3F));
                    return;
                }
                putByte('?');
            }
            if (c < 0x80) {
                putByte(c);
            } else if (c < 0x800) {
                putByte(0xC0 | (c >> 6));
                putByte(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
            } else if (Character.isLowSurrogate(c)) {
                putByte('?');
            } else {
                putByte(0xE0 | (c >> 12));
                putByte(0x80 | ((c >> 6) & 0x3F));
                putByte(0x80 | (c & 0x3F));
            }
        }

        private void putByte(int b) {
            if (n == out.length) {
                sha.update(out, 0, n);
                n = 0;
            }
            out[n++] = (byte) b;
        }
    }

    private static final MessageDigest SHA256 = sha256Digest();

    /** A fresh SHA-256 digest: a clone of one looked up once (looking up the provider costs more than hashing). */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Digest();
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The SHA-256 of {@code text}'s UTF-8 bytes as lower-case hex, without normalising it (digests of whole inputs,
     * not migration checksums).
     *
     * @param text the text
     * @return 64 hex digits
     */
    public static String sha256Hex(String text) {
        return sha256(text);
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
