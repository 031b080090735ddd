package dev.godwit.source;

import dev.godwit.migration.MigrationSet;

/** Where migrations come from: a location read through its formats, never a database. */
public interface MigrationSource {
    /**
     * Reads every migration once into a set, engine independent. Problems with the files do not throw here: the set
     * keeps them, and reports them with those of splitting ({@link MigrationSet#prepare}), all at once, before
     * anything touches a database. A location that does not exist throws.
     *
     * @return the migrations, with the problems found reading them
     */
    MigrationSet load();

    /**
     * A digest of everything {@link #load} would read (names, texts, and the settings it reads them with), taken
     * without parsing: equal digests mean {@link #load} would read the same migrations with the same problems.
     * Empty when this source cannot tell without loading, or when reading would report something (a warning, a
     * problem): then only {@link #load} says it. A source may keep what it read here for its next {@link #load}.
     *
     * @return the digest, or empty
     */
    default java.util.Optional<String> contentDigest() {
        return java.util.Optional.empty();
    }

    /**
     * Whether {@link #contentDigest} can give a digest at all (it still gives none when reading would say something).
     *
     * @return false unless the source implements {@link #contentDigest}
     */
    default boolean digestible() {
        return false;
    }

    /**
     * Where the migrations are, for messages.
     *
     * @return e.g. the folder or location
     */
    String describe();
}
