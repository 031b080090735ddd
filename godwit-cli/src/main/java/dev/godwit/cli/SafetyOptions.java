package dev.godwit.cli;

import dev.godwit.Backups;
import picocli.CommandLine.Option;

/** Options of the commands that change a database ({@code up}, {@code down}): backups and rehearsal. */
final class SafetyOptions {
    @Option(names = "--no-backup", description = "Do not back up the SQLite file before changing it.")
    boolean noBackup;

    @Option(names = "--keep-backups", paramLabel = "N",
            description = "Keep the newest N backups next to the SQLite file. Default: " + Backups.DEFAULT_KEEP)
    Integer keepBackups;

    @Option(names = "--restore-on-failure",
            description = "When a no-transaction migration fails part-way, put the backup taken before the run back.")
    boolean restoreOnFailure;

    @Option(names = "--rehearse",
            description = "Really run the plan on a throwaway copy of the SQLite file and report; the database is "
                    + "not changed.")
    boolean rehearse;

    /** The backups to take: these options, else godwit.toml's [backups] and GODWIT_NO_BACKUP/GODWIT_KEEP_BACKUPS. */
    Backups backups(Settings settings) {
        boolean off = noBackup || keepBackups == null && settings.flag(SettingKey.NO_BACKUP);
        return off ? new Backups(false, 0, restoreOnFailure)
                : Backups.keep(keepBackups == null ? settings.integer(SettingKey.KEEP_BACKUPS) : keepBackups,
                        restoreOnFailure);
    }

    boolean backupOptionGiven() {
        return noBackup || keepBackups != null || restoreOnFailure;
    }
}
