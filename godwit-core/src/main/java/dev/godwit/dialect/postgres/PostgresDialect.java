package dev.godwit.dialect.postgres;

import dev.godwit.GodwitConfig;
import dev.godwit.dialect.Capabilities;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Dialect;
import dev.godwit.dialect.Rehearsal;
import dev.godwit.sql.LexicalRules;

/**
 * PostgreSQL through pgjdbc (found with {@link java.sql.DriverManager}; the application brings the driver).
 * Transactional DDL, a session advisory lock per database+schema+table, COPY FROM stdin through the driver's copy
 * API.
 */
public final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, true, Capabilities.LockKind.ADVISORY);
    }

    @Override
    public LexicalRules lexicalRules() {
        return LexicalRules.POSTGRES;
    }

    /**
     * The user a URL connects as, without connecting: the URL's user (in its user info or {@code user=}
     * parameter), else pgjdbc's default, the operating system's user ({@code ${flyway:user}}).
     */
    public static String connectingUser(dev.godwit.DatabaseUrl url) {
        String user = null;
        try {
            user = PostgresUrl.parse(url, null).user();
        } catch (RuntimeException e) {
            // a malformed URL is reported when the database is opened
        }
        return user != null ? user : System.getProperty("user.name", "");
    }

    @Override
    public DatabaseSession open(GodwitConfig config) {
        return new PostgresSession(config, PostgresUrl.parse(config.url(), config.password()));
    }

    /** A transaction on the real database that is rolled back; see {@link PostgresRehearsal}. */
    @Override
    public Rehearsal rehearsal(GodwitConfig config) {
        return new PostgresRehearsal(config, PostgresUrl.parse(config.url(), config.password()));
    }

    /** The schema from the system catalogs, recorded in the history table's schema table. */
    @Override
    public java.util.Optional<dev.godwit.drift.SchemaStore> schemaStore(GodwitConfig config) {
        if (config.connections().isPresent()) {
            return java.util.Optional.empty(); // drift is read on connections of its own, from the URL only
        }
        return java.util.Optional.of(new PostgresSchemaStore(config, PostgresUrl.parse(config.url(),
                config.password())));
    }
}
