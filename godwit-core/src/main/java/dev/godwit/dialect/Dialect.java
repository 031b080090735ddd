package dev.godwit.dialect;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.drift.SchemaStore;
import dev.godwit.sql.LexicalRules;
import java.util.Optional;

/** One database engine: how its SQL is cut into statements and how to open a session on it. */
public interface Dialect {
    String name();

    LexicalRules lexicalRules();

    /** What this engine can do beyond applying migrations; front ends ask this, never the engine's name. */
    Capabilities capabilities();

    /** The backups of the database, for engines with {@link Capabilities#backups()}; empty otherwise. */
    default Optional<BackupStore> backups(GodwitConfig config) {
        return Optional.empty();
    }

    /**
     * Opens a session. Opening must not change the database: a session that only reads (status, validate,
     * dry runs) sees an absent database or history table as empty history.
     */
    DatabaseSession open(GodwitConfig config);

    /**
     * A throwaway stand-in for the database, for a rehearsal; engines without {@link Capabilities#rehearsal()}
     * refuse.
     */
    default Rehearsal rehearsal(GodwitConfig config) {
        throw new GodwitException(ErrorCode.CONFIGURATION, "rehearsal is not supported for " + name() + " yet",
                "plan without applying to see the plan and its SQL");
    }

    /**
     * The live schema and the fingerprint recorded after the last run, for drift detection; empty for engines that
     * do not support it yet. Opening it connects lazily and never creates the database.
     */
    default Optional<SchemaStore> schemaStore(GodwitConfig config) {
        return Optional.empty();
    }

    /**
     * As {@link #schemaStore(GodwitConfig)}, reading on {@code session}'s connection where the engine can (it is
     * then not closed with the store): a run's drift check before it needs no connection of its own.
     *
     * @param session an open session of this engine on the same database
     * @return the store, or empty
     */
    default Optional<SchemaStore> schemaStore(GodwitConfig config, DatabaseSession session) {
        return schemaStore(config);
    }
}
