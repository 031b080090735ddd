package dev.godwit.dialect;

import dev.godwit.GodwitConfig;
import dev.godwit.sql.LexicalRules;

/** One database engine: how its SQL is cut into statements and how to open a session on it. */
public interface Dialect {
    String name();

    LexicalRules lexicalRules();

    /**
     * Opens a session. Opening must not change the database: a session that only reads (status, validate,
     * dry runs) sees an absent database or history table as empty history.
     */
    DatabaseSession open(GodwitConfig config);
}
