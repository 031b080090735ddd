package dev.godwit.dialect.sqlite;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitEvent;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.dialect.Safeguards;
import dev.godwit.plan.Plan;
import dev.godwit.plan.Step;
import java.nio.file.Path;
import java.util.List;

/**
 * SQLite around a run that changes the database: a backup next to it first (unless off, or the database does not
 * exist yet), {@code integrity_check} and {@code foreign_key_check} after, and the backup offered (or put back
 * with {@code restoreOnFailure}) when a {@code no-transaction} migration fails part-way.
 */
final class SqliteSafeguards implements Safeguards {
    private final SqliteSession session;
    private final GodwitConfig config;
    private final GodwitListener listener;
    private Path backup;
    private List<SqliteChecks.Violation> before = List.of();

    SqliteSafeguards(SqliteSession session, GodwitConfig config) {
        this.session = session;
        this.config = config;
        this.listener = config.listener();
    }

    @Override
    public void beforeChanges(Plan plan) {
        SqliteBackups backups = new SqliteBackups(session.file(), config);
        if (session.takesBackups() && config.backups().enabled() && session.existedWhenOpened()
                && backups.databaseExists()) {
            backup = backups.take();
            List<Path> removed = backups.prune(config.backups().keep());
            listener.on(new GodwitEvent.BackupTaken(backup, removed, config.backups().keep()));
        }
        before = session.foreignKeyBaseline();
        if (!before.isEmpty()) {
            listener.warning(session.file() + " already has " + before.size() + " row(s) that break foreign keys; "
                    + "only migrations that add more are refused:" + session.describeViolations(before));
        }
    }

    @Override
    public void afterChanges(Plan plan) {
        List<String> problems = session.integrityProblems();
        List<SqliteChecks.Violation> added = SqliteChecks.added(session.foreignKeyViolations(), before);
        if (problems.isEmpty() && added.isEmpty()) {
            listener.info("checked " + session.file() + ": integrity ok, foreign keys ok");
            return;
        }
        StringBuilder msg = new StringBuilder("the run finished, but the database fails its checks:");
        if (!problems.isEmpty()) {
            msg.append("\n  PRAGMA integrity_check:\n    ").append(String.join("\n    ",
                    problems.subList(0, Math.min(SqliteChecks.SHOWN, problems.size()))));
        }
        if (!added.isEmpty()) {
            msg.append("\n  PRAGMA foreign_key_check, rows that broke during this run:")
                    .append(session.describeViolations(added));
        }
        String hint = backup != null ? "put back the backup taken before this run with 'godwit restore " + backup
                + "'" : "inspect the database with sqlite3 ('.recover' salvages what it can)";
        throw new GodwitException(ErrorCode.INTEGRITY_FAILED, msg.toString(), hint);
    }

    @Override
    public GodwitException failed(Step step, GodwitException error) {
        if (backup == null || !step.directives().noTransaction() || error.code() != ErrorCode.MIGRATION_FAILED) {
            return error;
        }
        if (!config.backups().restoreOnFailure()) {
            return new GodwitException(error.code(), error.getMessage() + "\n  a backup taken just before this run "
                    + "is at " + backup, "put the database back as it was before this run with 'godwit restore "
                    + backup + "', or fix it by hand, then run 'godwit repair' and 'godwit up' again",
                    error.getCause());
        }
        try {
            new SqliteBackups(session.file(), config).restore(backup);
        } catch (GodwitException e) {
            return new GodwitException(error.code(), error.getMessage() + "\n  --restore-on-failure: putting back "
                    + backup + " failed too: " + e.getMessage(), "run 'godwit restore " + backup + "' once the "
                    + "cause is fixed", error.getCause());
        } finally {
            session.foreignKeysChangedOutside();
        }
        listener.info("restored " + backup + ": " + session.file() + " is as it was before this run");
        String message = error.getMessage().replace(STATEMENTS_STAY_APPLIED, "it ran without a transaction: the "
                + "statements before this one had run, and are undone with the rest of the run (see below)");
        return new GodwitException(error.code(), message + "\n  --restore-on-failure: put back the "
                + "backup taken just before this run (" + backup + "); the database is as it was before this run",
                "fix " + step.file() + " and run the command again", error.getCause());
    }
}
