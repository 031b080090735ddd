package dev.godwit.migration;

/**
 * Per-migration switches written as comments in the file.
 *
 * @param noTransaction  {@code -- godwit:no-transaction}: run statement by statement outside a transaction
 * @param foreignKeysOff {@code -- godwit:foreign-keys off}: SQLite table rebuilds with enforcement off, checked
 *                       before commit
 * @param detectNoTransaction as Flyway: a section made only of statements that cannot run in a transaction runs
 *                       without one; one that mixes them with others is refused naming both lines
 */
public record Directives(boolean noTransaction, boolean foreignKeysOff, boolean detectNoTransaction) {
    public static final Directives NONE = new Directives(false, false);
    /** Flyway's rule: no transaction when every statement needs none, refused when they are mixed. */
    public static final Directives DETECT_NO_TRANSACTION = new Directives(false, false, true);

    public Directives(boolean noTransaction, boolean foreignKeysOff) {
        this(noTransaction, foreignKeysOff, false);
    }
}
