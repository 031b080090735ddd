package dev.godwit.source;

import dev.godwit.migration.Migration;
import java.util.List;

/** Where migrations come from. */
public interface MigrationSource {
    /**
     * Reads every migration, sorted by version. Throws a {@link dev.godwit.GodwitException} with
     * {@link dev.godwit.ErrorCode#MIGRATION_FILE} listing every problem found, before anything touches a database.
     */
    List<Migration> load();

    /** Where the migrations are, for messages. */
    String describe();
}
