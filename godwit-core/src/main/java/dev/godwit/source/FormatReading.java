package dev.godwit.source;

import dev.godwit.GodwitException;
import dev.godwit.migration.FileProblems;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every {@link MigrationFormat} does with each resource it is given, in one place. */
final class FormatReading {
    /** Whether a name begins with an ASCII digit (as {@code \\d} in the formats' patterns): a cheap test first. */
    static boolean startsWithDigit(String name) {
        return !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9';
    }

    private FormatReading() {
    }

    /** Below this many resources a format reads them on the calling thread alone. */
    private static final int PARALLEL_FROM = 64;

    /**
     * Whether a format reads these resources on the common fork-join pool (cutting and hashing a thousand small
     * files is work the cores share): many of them, more than one core, and not turned off with
     * {@code -Dgodwit.readAhead=false} (which also keeps the folder from reading files ahead).
     */
    static boolean inParallel(java.util.List<Resource> resources) {
        return resources.size() >= PARALLEL_FROM && Runtime.getRuntime().availableProcessors() > 1
                && Boolean.parseBoolean(System.getProperty("godwit.readAhead", "true"));
    }

    /** The resource's name matched against the format's pattern; a name the format does not read is a bug. */
    static Matcher named(Pattern pattern, Resource r) {
        Matcher m = pattern.matcher(r.name());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a file of this format: " + r.name());
        }
        return m;
    }

    /** The resource's text, or {@code null} once the reason it cannot be read is recorded in {@code problems}. */
    static String text(Resource r, FileProblems problems) {
        try {
            return r.read();
        } catch (GodwitException e) {
            problems.add(e);
            return null;
        }
    }
}
