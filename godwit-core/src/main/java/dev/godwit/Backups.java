package dev.godwit;

/**
 * What to do about backups of a SQLite file database before a run that changes it. Other engines ignore it
 * (backups are SQLite-only).
 *
 * @param enabled          take a backup next to the database before the first change of a run
 * @param keep             how many backups of the database to keep, newest first (1 or more when enabled)
 * @param restoreOnFailure when a {@code no-transaction} migration fails part-way, put the backup back
 */
public record Backups(boolean enabled, int keep, boolean restoreOnFailure) {
    /** How many backups are kept unless configured. */
    public static final int DEFAULT_KEEP = 5;
    /** A backup before each run that changes the database; the newest five are kept. */
    public static final Backups DEFAULT = new Backups(true, DEFAULT_KEEP, false);
    /** No backups. */
    public static final Backups OFF = new Backups(false, 0, false);

    /**
     * Validates: backups on keep at least one; restoring on failure needs backups on.
     *
     * @param enabled          whether to take backups
     * @param keep             how many to keep
     * @param restoreOnFailure whether to put the backup back when a run fails part-way
     */
    public Backups {
        if (enabled && keep < 1) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "--keep-backups must be 1 or more, not " + keep,
                    "use --no-backup to take none");
        }
        if (!enabled && restoreOnFailure) {
            throw new GodwitException(ErrorCode.CONFIGURATION,
                    "--restore-on-failure needs a backup, but backups are off (--no-backup)",
                    "drop one of --no-backup and --restore-on-failure");
        }
    }

    /**
     * Backups on, keeping the newest {@code keep}.
     *
     * @param keep how many to keep (1 or more)
     * @param restoreOnFailure whether to put the backup back when a run fails part-way
     * @return the policy
     */
    public static Backups keep(int keep, boolean restoreOnFailure) {
        return new Backups(true, keep, restoreOnFailure);
    }
}
