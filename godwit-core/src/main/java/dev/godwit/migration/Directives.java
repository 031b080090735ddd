package dev.godwit.migration;

/**
 * Per-migration switches written as comments in the file.
 *
 * @param noTransaction  {@code -- godwit:no-transaction}: run statement by statement outside a transaction
 * @param foreignKeysOff {@code -- godwit:foreign-keys off}: SQLite table rebuilds with enforcement off, checked
 *                       before commit
 */
public record Directives(boolean noTransaction, boolean foreignKeysOff) {
    public static final Directives NONE = new Directives(false, false);
}
