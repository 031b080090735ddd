package dev.godwit.source;

import dev.godwit.migration.FileProblems;
import dev.godwit.migration.Migration;
import java.util.List;

/**
 * One naming scheme of migration files, with its tool's rules (names, how up and down are told apart, directives,
 * what an empty file means). A new scheme is one new class implementing this, added to the list of formats a
 * source reads; the source finds each resource's format by name and reports names no format reads.
 */
public interface MigrationFormat {
    /** Whether a resource of this name is one of this format's files. */
    boolean reads(String name);

    /** How this format's names look, for the hint on a file that no format reads. */
    String naming();

    /**
     * Reads this format's resources (sorted by name; every one {@link #reads} them) into migrations, engine
     * independent and unsplit. Every problem goes to {@code problems}; a resource with a problem may be left out.
     * Two migrations of one version are found by the caller, across formats.
     */
    List<Migration> read(List<Resource> resources, FileProblems problems);
}
