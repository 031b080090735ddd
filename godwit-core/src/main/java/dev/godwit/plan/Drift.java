package dev.godwit.plan;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.PreparedMigration;

/** How an applied migration's file differs from what was applied. Pure. */
enum Drift {
    /** The up SQL is what was applied, in the same file format. */
    SAME,
    /**
     * The migration moved to the other file format ({@code 1_a.sql} and {@code 1_a.up.sql}), its up SQL did not
     * change.
     */
    FORMAT_CHANGED,
    /** The up SQL was edited since it was applied. */
    CHANGED;

    static Drift of(AppliedMigration applied, PreparedMigration onDisk) {
        boolean formatChanged = formatChanged(applied, onDisk);
        String sql = onDisk.up().sql();
        String recorded = applied.checksum();
        // the migration's own checksum first: a format may take it of the file before its placeholders are
        // replaced (Flyway), so a new placeholder value is not an edit; and it costs no hashing
        boolean same = recorded != null && recorded.equals(onDisk.checksum())
                || (recorded != null && recorded.startsWith(Checksum.PREFIX)
                ? recorded.equals(onDisk.up().textChecksum()) : Checksum.matches(recorded, sql));
        if (same) {
            return formatChanged ? FORMAT_CHANGED : SAME;
        }
        return formatChanged && Checksum.matchesInOtherFormat(applied.checksum(), sql) ? FORMAT_CHANGED : CHANGED;
    }

    /** For messages: what changed, naming both files. */
    static String formatNote(AppliedMigration applied, PreparedMigration onDisk) {
        return "applied as " + applied.script() + "; now " + onDisk.script() + ": the file format changed, the up "
                + "SQL did not";
    }

    /** Whether the migration was applied from a single file and is now a pair, or the other way round. */
    static boolean formatChanged(AppliedMigration applied, PreparedMigration onDisk) {
        return isPair(applied.script()) != isPair(onDisk.script());
    }

    private static boolean isPair(String script) {
        return script.endsWith(".up.sql");
    }
}
