package dev.godwit.source;

import dev.godwit.migration.FileProblems;
import java.util.List;

/**
 * Where the texts of migrations are: lists them and reads them, knowing nothing about their formats or about any
 * database. A folder today ({@link FolderResources}); the classpath and jars with the embedding issue.
 */
public interface ResourceProvider {
    /** Where the resources are, for messages. */
    String describe();

    /**
     * Every resource to offer the formats, sorted by name. Entries that must not be left out silently but cannot
     * be read go to {@code problems}; a location that does not exist at all throws.
     */
    List<Resource> list(FileProblems problems);
}
