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
 */
public final class Version implements Comparable<Version> {
    private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+)*");

    private final String text;
    private final List<BigInteger> segments;

    private Version(String text, List<BigInteger> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
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

    /** Parses a version; throws {@link GodwitException} with {@link ErrorCode#USAGE} when malformed. */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (!FORMAT.matcher(t).matches()) {
            throw new GodwitException(ErrorCode.USAGE, "not a version: '" + text + "'",
                    "a version is digits with optional dots, e.g. 3, 1.2 or 20250101120000");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String s : t.split("\\.")) {
            parts.add(new BigInteger(s));
        }
        return new Version(t, parts);
    }

    public static boolean isVersion(String text) {
        return text != null && FORMAT.matcher(text.strip()).matches();
    }

    /** The version as written in the file name. */
    public String text() {
        return text;
    }

    @Override
    public int compareTo(Version other) {
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
