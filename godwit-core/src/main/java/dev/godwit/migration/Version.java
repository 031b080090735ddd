package dev.godwit.migration;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A migration's version: digits, optionally separated by dots ({@code 1}, {@code 1.2}, {@code 20250101000001}).
 * Versions compare numerically segment by segment; missing trailing segments count as zero, so {@code 1} and
 * {@code 1.0} are the same version.
 *
 * <p>Two kinds extend that for other tools' rules, both keyed in history by their {@link #text()}:
 * <ul>
 *   <li>a <b>repeatable</b> migration (Flyway's {@code R__<description>.sql}) has no number: its key is
 *       {@link #repeatable(String) R__&lt;description&gt;}; repeatables come after every numbered version, among
 *       themselves in order of description;
 *   <li>a version <b>ordered as text</b> ({@link #orderedAsText}: Diesel's) carries its tool's order, which
 *       {@link VersionOrder#of} picks for a whole set; it still equals the numeric version of the same digits, so
 *       history rows (read with {@link #parse}) match it.
 * </ul>
 */
public final class Version implements Comparable<Version> {
    private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+)*");
    /** The history key's prefix of a repeatable migration. */
    public static final String REPEATABLE_PREFIX = "R__";

    private final String text;
    private final List<BigInteger> segments;
    private final boolean repeatable;
    private final boolean textOrder;

    private Version(String text, List<BigInteger> segments, boolean repeatable, boolean textOrder) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.repeatable = repeatable;
        this.textOrder = textOrder;
    }

    /**
     * The versions for a message, in the given order: all of them when there are a few, else the first three and
     * the last two with the count, so a run over tens of thousands of migrations still gives a one-line message.
     */
    public static String summarize(List<Version> versions) {
        int n = versions.size();
        if (n <= 10) {
            return String.join(", ", versions.stream().map(Version::text).toList());
        }
        return versions.get(0) + ", " + versions.get(1) + ", " + versions.get(2) + ", ... " + versions.get(n - 2)
                + ", " + versions.get(n - 1) + " (" + n + " in all)";
    }

    /**
     * Parses a version, or a repeatable migration's history key ({@code R__<description>}, as {@link #text()}
     * gives it); throws {@link GodwitException} with {@link ErrorCode#USAGE} when malformed.
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.startsWith(REPEATABLE_PREFIX) && t.length() > REPEATABLE_PREFIX.length()) {
            return new Version(t, List.of(), true, false);
        }
        if (!FORMAT.matcher(t).matches()) {
            throw new GodwitException(ErrorCode.USAGE, "not a version: '" + text + "'",
                    "a version is digits with optional dots, e.g. 3, 1.2 or 20250101120000");
        }
        return new Version(t, segments(t), false, false);
    }

    /**
     * The history key of a repeatable migration with this description: {@code R__} followed by the description
     * with its spaces as underscores ({@code "refresh views"} and {@code "refresh_views"} are
     * {@code R__refresh_views}, the name of Flyway's {@code R__refresh_views.sql} without {@code .sql}). The one
     * place that names it: a run, {@code status} and an import of Flyway's history (rows whose version is NULL,
     * by their description) all key repeatables this way.
     */
    public static Version repeatable(String description) {
        Objects.requireNonNull(description, "description");
        String d = description.strip().replace(' ', '_');
        if (d.isEmpty()) {
            throw new IllegalArgumentException("a repeatable migration needs a description");
        }
        return new Version(REPEATABLE_PREFIX + d, List.of(), true, false);
    }

    /**
     * A version of digits only that its tool orders as text ({@code 20240313} before {@code 9}, a 14-digit version
     * before an 18-digit one of the same leading digits as the strings compare): Diesel's. It equals the numeric
     * version of the same digits.
     */
    public static Version orderedAsText(String digits) {
        Objects.requireNonNull(digits, "digits");
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            throw new IllegalArgumentException("digits only: " + digits);
        }
        return new Version(digits, segments(digits), false, true);
    }

    public static boolean isVersion(String text) {
        return text != null && FORMAT.matcher(text.strip()).matches();
    }

    private static List<BigInteger> segments(String t) {
        List<BigInteger> parts = new ArrayList<>();
        for (String s : t.split("\\.")) {
            parts.add(new BigInteger(s));
        }
        return parts;
    }

    /** The version as written in the file name; for a repeatable, its history key {@code R__<description>}. */
    public String text() {
        return text;
    }

    /** Whether this is a repeatable migration's key rather than a number. */
    public boolean isRepeatable() {
        return repeatable;
    }

    /** Whether its tool orders it as text ({@link #orderedAsText}). */
    public boolean orderedAsText() {
        return textOrder;
    }

    /** Numeric order; repeatables after every numbered version, in order of description. */
    @Override
    public int compareTo(Version other) {
        if (repeatable || other.repeatable) {
            if (repeatable != other.repeatable) {
                return repeatable ? 1 : -1;
            }
            // by description, as Flyway orders them: the key's '_' stand for the description's spaces
            int c = text.replace('_', ' ').compareTo(other.text.replace('_', ' '));
            return c != 0 ? c : text.compareTo(other.text);
        }
        int n = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.segments.size() ? other.segments.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        if (repeatable) {
            return text.hashCode();
        }
        int end = segments.size();
        while (end > 1 && segments.get(end - 1).signum() == 0) {
            end--;
        }
        return segments.subList(0, end).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
