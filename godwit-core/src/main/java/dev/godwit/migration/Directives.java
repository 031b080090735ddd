package dev.godwit.migration;

/**
 * Per-migration switches written as comments in the file, or set by the file's format.
 *
 * @param noTransaction  {@code -- godwit:no-transaction}: run statement by statement outside a transaction
 * @param foreignKeysOff {@code -- godwit:foreign-keys off}: SQLite table rebuilds with enforcement off, checked
 *                       before commit
 * @param detectNoTransaction as Flyway: a section made only of statements that cannot run in a transaction runs
 *                       without one; one that mixes them with others is refused naming both lines
 * @param blankIsNoOp    as golang-migrate and Diesel: a section without statements (an empty, blank or
 *                       comment-only file) is a valid migration that does nothing, applied (and rolled back) and
 *                       recorded like any other; without it, an up section without statements is "not written
 *                       yet" and a down section without statements counts as none (Godwit's own rule)
 */
public record Directives(boolean noTransaction, boolean foreignKeysOff, boolean detectNoTransaction,
                         boolean blankIsNoOp) {
    public static final Directives NONE = new Directives(false, false);
    /** Flyway's rule: no transaction when every statement needs none, refused when they are mixed. */
    public static final Directives DETECT_NO_TRANSACTION = new Directives(false, false, true, false);
    /** golang-migrate's and Diesel's rule: a blank file is a no-op migration. */
    public static final Directives BLANK_IS_NO_OP = new Directives(false, false, false, true);

    public Directives(boolean noTransaction, boolean foreignKeysOff) {
        this(noTransaction, foreignKeysOff, false, false);
    }

    /** These switches, with blank sections as no-ops ({@link #blankIsNoOp}). */
    public Directives withBlankIsNoOp() {
        return new Directives(noTransaction, foreignKeysOff, detectNoTransaction, true);
    }
}
