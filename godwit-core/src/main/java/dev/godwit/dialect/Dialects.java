package dev.godwit.dialect;

import dev.godwit.DatabaseUrl;
import dev.godwit.dialect.libsql.LibsqlDialect;
import dev.godwit.dialect.postgres.PostgresDialect;
import dev.godwit.dialect.sqlite.SqliteDialect;

/** Picks the dialect a URL names. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(DatabaseUrl url) {
        return switch (url.kind()) {
            case SQLITE -> new SqliteDialect();
            case LIBSQL_REMOTE -> new LibsqlDialect();
            case POSTGRES -> new PostgresDialect();
        };
    }
}
