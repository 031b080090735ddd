package dev.godwit.drift;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Dialect;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.migration.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Keeps the schema fingerprint: records it after each run, warns before a run on a schema that drifted, and
 * compares for {@code godwit drift}. A failure to record is a warning, never a failed run: the migrations did run.
 */
public final class SchemaRecorder {
    private final Dialect dialect;
    private final GodwitConfig config;
    /** The record {@link #warnIfDrifted} found matching the live schema (no drift), or null. */
    private SchemaStore.Unchanged cleanBefore;

    public SchemaRecorder(Dialect dialect, GodwitConfig config) {
        this.dialect = dialect;
        this.config = config;
    }

    /**
     * The drift since the last recorded run; empty when nothing was recorded yet. Throws for engines without
     * drift support.
     */
    public Optional<SchemaDrift> drift() {
        SchemaStore store = dialect.schemaStore(config).orElseThrow(() -> new GodwitException(
                ErrorCode.CONFIGURATION, "drift detection is not supported for " + dialect.name() + " yet",
                "it works on SQLite files and PostgreSQL"));
        try (store) {
            return store.recorded().map(recorded -> SchemaDrift.between(recorded, store.read()));
        }
    }

    /**
     * Before a run: a warning naming what drifted, if anything did. Never fails the run. Unless {@code readOnly}
     * (a dry run, which must not write even a lock row), the comparison runs holding the migration lock, so that
     * another runner's migrations, applied but not yet recorded, are never taken for drift.
     */
    public void warnIfDrifted(boolean readOnly) {
        warnIfDrifted(readOnly, null);
    }

    /**
     * As {@link #warnIfDrifted(boolean)}, reading on {@code session}'s connection where the engine can.
     *
     * @param session the run's session, open, not locked yet; null: a connection of the check's own
     */
    public void warnIfDrifted(boolean readOnly, DatabaseSession session) {
        Optional<SchemaStore> maybe = session == null ? dialect.schemaStore(config)
                : dialect.schemaStore(config, session);
        if (maybe.isEmpty()) {
            return;
        }
        try (SchemaStore store = maybe.get()) {
            if (!store.databaseExists()) {
                return; // nothing to compare with: a new database
            }
            Optional<SchemaStore.Unchanged> unchanged = store.unchangedSinceRecorded();
            if (unchanged.isPresent()) {
                cleanBefore = unchanged.get(); // known without reading the schema
                return;
            }
            Optional<RecordedSchema> maybeRecorded = store.recorded();
            if (maybeRecorded.isEmpty()) {
                return; // nothing to compare with: a database migrated before fingerprints
            }
            RecordedSchema recorded = maybeRecorded.get();
            SchemaSnapshot now = store.read();
            Optional<SchemaDrift> drift = Optional.of(SchemaDrift.between(recorded, now));
            if (recorded.fingerprint().equals(now.fingerprint())) {
                cleanBefore = new SchemaStore.Unchanged(recorded.version());
            }
            if (!readOnly && drift.filter(SchemaDrift::drifted).isPresent()) {
                drift = underLock(() -> compare(store)); // confirmed while no other runner is half-way
            }
            drift.filter(SchemaDrift::drifted).ifPresent(d -> config.listener().warning("the schema changed "
                    + "outside migrations since the last run (" + d.size() + " object(s): "
                    + String.join("; ", d.describe().stream().limit(3).map(l -> l.replaceAll("\\s+", " "))
                    .toList()) + (d.size() > 3 ? "; ..." : "") + "); " + Actions.DRIFT + " lists them"));
        } catch (GodwitException e) {
            config.listener().warning("could not check the schema for drift: " + e.getMessage());
        }
    }

    private static Optional<SchemaDrift> compare(SchemaStore store) {
        return store.recorded().map(recorded -> SchemaDrift.between(recorded, store.read()));
    }

    private <T> T underLock(java.util.function.Supplier<T> work) {
        try (DatabaseSession session = dialect.open(config);
             MigrationLock lock = session.lock(config.lockTimeout())) {
            return work.get();
        }
    }

    /**
     * After a run: records the schema the run left, with the version it reached, holding the migration lock (so a
     * record never mixes with another runner's run).
     */
    public void record(Version current) {
        record(current, true);
    }

    /**
     * As {@link #record(Version)}; a run that {@code changed} nothing, whose schema {@link #warnIfDrifted} found as
     * recorded, at the version recorded, is left as it is without reading the schema again.
     */
    public void record(Version current, boolean changed) {
        if (!changed && cleanBefore != null && java.util.Objects.equals(cleanBefore.version(),
                current == null ? null : current.text())) {
            return;
        }
        Optional<SchemaStore> maybe = dialect.schemaStore(config);
        if (maybe.isEmpty()) {
            return;
        }
        try (SchemaStore store = maybe.get()) {
            if (!store.databaseExists()) {
                return;
            }
            String version = current == null ? null : current.text();
            if (!changed && alreadyRecorded(store, store.read(), version)) {
                return; // a run that changed nothing leaves the database (and its lock) as it was
            }
            // a run that changed something reads the schema once, under the lock
            underLock(() -> {
                SchemaSnapshot now = store.read();
                if (!alreadyRecorded(store, now, version)) {
                    store.record(now, version, Instant.now(config.clock()).truncatedTo(ChronoUnit.MILLIS)
                            .toString());
                }
                return null;
            });
        } catch (GodwitException e) {
            config.listener().warning("the run succeeded, but its schema fingerprint could not be recorded: "
                    + e.getMessage());
        }
    }

    private static boolean alreadyRecorded(SchemaStore store, SchemaSnapshot now, String version) {
        return store.recorded().filter(r -> r.fingerprint().equals(now.fingerprint())
                && java.util.Objects.equals(r.version(), version)).isPresent();
    }
}
