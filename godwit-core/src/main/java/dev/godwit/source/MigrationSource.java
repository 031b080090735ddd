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
     * Where the migrations are, for messages.
     *
     * @return e.g. the folder or location
     */
    String describe();
}
