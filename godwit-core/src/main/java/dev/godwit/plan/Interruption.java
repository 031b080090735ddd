package dev.godwit.plan;

/**
 * The notes a {@code -- godwit:no-transaction} migration leaves in its history row while it runs. Before each
 * statement the row says which one is running, so when the runner is killed the row still tells the truth: the
 * statements before that one completed; that one may or may not have run (each statement is atomic on its own).
 */
public final class Interruption {
    private static final String RUNNING = "running ";

    private Interruption() {
    }

    /** The note written just before statement {@code k} (1-based) of {@code n}, at {@code line} of the file. */
    public static String running(Direction direction, int k, int n, int line) {
        return RUNNING + (direction == Direction.DOWN ? "down " : "") + "statement " + k + " of " + n
                + " (line " + line + ")";
    }

    /** Whether a note says the migration was still running when it was written. */
    public static boolean isRunning(String note) {
        return note != null && note.startsWith(RUNNING);
    }

    /**
     * A failed row's note as shown to users: a "running" note, read after the fact, means the runner stopped
     * (killed, crashed, power cut) in the middle.
     */
    public static String describe(String note) {
        if (!isRunning(note)) {
            return note;
        }
        return "interrupted at " + note.substring(RUNNING.length()) + ": the runner stopped (killed or crashed) "
                + "while running it, so the statements before it completed and this one may or may not have run";
    }
}
