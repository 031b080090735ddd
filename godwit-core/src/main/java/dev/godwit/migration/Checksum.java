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
        return PREFIX + sha256(normalise(text));
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

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
