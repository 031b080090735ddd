package dev.godwit.dialect.libsql;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Capabilities;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Dialect;
import dev.godwit.sql.LexicalRules;

/**
 * A remote libSQL database (sqld, Turso, {@code tursodb --sync-server}) over Hrana/HTTP. Its SQL is SQLite's, so
 * statements are cut with SQLite's lexical rules, on the client: the servers refuse (sqld) or silently truncate
 * (tursodb) text holding several statements.
 *
 * <p>Local files ({@code libsql:file:PATH}, {@code file:PATH}) never come here: they are SQLite files and use the
 * SQLite dialect with all its behaviour.
 */
public final class LibsqlDialect implements Dialect {
    @Override
    public String name() {
        return "libsql";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, Capabilities.LockKind.NONE);
    }

    @Override
    public LexicalRules lexicalRules() {
        return LexicalRules.SQLITE;
    }

    /** Opens no connection yet: the first request goes out when the session first reads or writes. */
    @Override
    public DatabaseSession open(GodwitConfig config) {
        requireJson();
        HranaClient client = HranaClient.connect(config.url().location(), config.authToken(),
                HranaClient.Options.defaults().withRequestTimeout(config.requestTimeout()));
        return new LibsqlSession(config, client);
    }

    /** jackson-databind is an optional dependency of godwit-core that only this dialect needs. */
    private static void requireJson() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, LibsqlDialect.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new GodwitException(ErrorCode.CONFIGURATION,
                    "remote libSQL needs com.fasterxml.jackson.core:jackson-databind on the classpath",
                    "add jackson-databind to your application's dependencies (the godwit CLI bundles it)", e);
        }
    }
}
