package dev.godwit.dialect.sqlite;

import dev.godwit.GodwitConfig;
import dev.godwit.dialect.BackupStore;
import dev.godwit.dialect.Capabilities;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Dialect;
import dev.godwit.dialect.Rehearsal;
import dev.godwit.sql.LexicalRules;

/** SQLite files through the xerial JDBC driver. */
public final class SqliteDialect implements Dialect {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, Capabilities.LockKind.LEASE_ROW);
    }

    /** Backups next to the file ({@code VACUUM INTO}), restored through the backup API. */
    @Override
    public java.util.Optional<BackupStore> backups(GodwitConfig config) {
        if (config.url().inMemory()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SqliteBackups.of(config));
    }

    @Override
    public LexicalRules lexicalRules() {
        return LexicalRules.SQLITE;
    }

    @Override
    public DatabaseSession open(GodwitConfig config) {
        return new SqliteSession(config, config.url().sqlitePath(), !config.url().inMemory());
    }

    /** A copy of the database in a temporary folder. */
    @Override
    public Rehearsal rehearsal(GodwitConfig config) {
        return new SqliteRehearsal(config);
    }

    /** The schema from sqlite_master and table_xinfo, recorded in the history table's schema table. */
    @Override
    public java.util.Optional<dev.godwit.drift.SchemaStore> schemaStore(GodwitConfig config) {
        if (config.connections().isPresent()) { // drift is read on connections of its own, from the URL only
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SqliteSchemaStore(config));
    }

    /** On the session's connection (one connection and one read of a large schema fewer per run). */
    @Override
    public java.util.Optional<dev.godwit.drift.SchemaStore> schemaStore(GodwitConfig config,
                                                                       dev.godwit.dialect.DatabaseSession session) {
        if (config.connections().isPresent() || !(session instanceof SqliteSession sqlite)) {
            return schemaStore(config);
        }
        return java.util.Optional.of(new SqliteSchemaStore(config, sqlite::readConnection));
    }
}
