package dev.godwit.migration;

/**
 * What a migration does in one direction, as read from its source and before any engine is known: SQL text
 * ({@link SqlBody}) or Java code ({@link JavaBody}).
 */
public sealed interface MigrationBody permits SqlBody, JavaBody {
    /** Where the body comes from (a file name relative to its location), for messages. */
    String file();

    /** The body's switches (transaction, foreign keys). */
    Directives directives();
}
