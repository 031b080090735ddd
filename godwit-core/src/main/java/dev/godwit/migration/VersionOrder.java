package dev.godwit.migration;

import java.util.Collection;
import java.util.Comparator;

/**
 * The order migrations run in, as their tool defines it. Godwit's own formats and most tools order versions
 * numerically; Diesel orders them as text. Repeatable migrations come last in every order, by description. Equal
 * versions ({@link Version#equals}) are equal in every order, so history rows match files whatever the order.
 */
public enum VersionOrder implements Comparator<Version> {
    /** Segment by segment, numerically ({@link Version#compareTo}). */
    NUMERIC {
        @Override
        public int compare(Version a, Version b) {
            return a.compareTo(b);
        }
    },
    /** As the version texts compare as strings (Diesel's order); numerically equal versions are equal. */
    TEXT {
        @Override
        public int compare(Version a, Version b) {
            if (a.isRepeatable() || b.isRepeatable() || a.equals(b)) {
                return a.compareTo(b);
            }
            return a.text().compareTo(b.text());
        }
    };

    /** The order of a set of versions: {@link #TEXT} when its format orders them so, else {@link #NUMERIC}. */
    public static VersionOrder of(Collection<Version> versions) {
        for (Version v : versions) {
            if (v.orderedAsText()) {
                return TEXT;
            }
        }
        return NUMERIC;
    }
}
