package dev.godwit.dialect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backups of one database, for engines with the {@link Capabilities#backups()} capability: listing them and
 * putting one back. Runs take backups themselves (through the engine's {@link Safeguards}).
 */
public interface BackupStore {
    /** The database the backups are of. */
    Path database();

    /** Whether there is a database worth backing up. */
    boolean databaseExists();

    /** Whether the engine can read the database (false for a file that is not, or no longer, a database). */
    boolean databaseReadable();

    /** The backups, newest first, including incomplete ones ({@link #complete}). */
    List<Path> list();

    /** The newest complete backup. */
    Optional<Path> latest();

    /** Whether a backup was written to the end (one cut short is passed over by restore). */
    boolean complete(Path backup);

    /** Keeps a copy of the database as it is now, before a restore replaces it; returns where. */
    Path takeBeforeRestore();

    /** Puts a backup back; the caller holds the migration lock (see {@code Godwit.restore}). */
    void restore(Path backup);
}
