package dev.godwit.dialect;

import dev.godwit.DatabaseUrl;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import dev.godwit.dialect.postgres.PostgresDialect;
import dev.godwit.dialect.sqlite.SqliteDialect;

/** Picks the dialect a URL names. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(DatabaseUrl url) {
        return switch (url.kind()) {
            case SQLITE -> new SqliteDialect();
            case POSTGRES -> new PostgresDialect();
            case LIBSQL_REMOTE -> throw new GodwitException(ErrorCode.CONFIGURATION,
                    url.kind() + " databases are not supported yet: " + url.redacted(), "use a SQLite URL");
        };
    }
}
