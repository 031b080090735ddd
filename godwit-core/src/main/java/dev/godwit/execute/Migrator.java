package dev.godwit.execute;

import dev.godwit.Actions;
import dev.godwit.ErrorCode;
import dev.godwit.GodwitCallback;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitEvent;
import dev.godwit.GodwitException;
import dev.godwit.GodwitListener;
import dev.godwit.PlanRefusedException;
import dev.godwit.RunResult;
import dev.godwit.RunResult.StepResult;
import dev.godwit.StopSignal;
import dev.godwit.dialect.Change;
import dev.godwit.dialect.ConnectionLost;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.dialect.Safeguards;
import dev.godwit.dialect.StatementFailure;
import dev.godwit.dialect.Work;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.JavaBody;
import dev.godwit.migration.JavaMigration;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.plan.Direction;
import dev.godwit.plan.Interruption;
import dev.godwit.plan.Plan;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.Planner;
import dev.godwit.plan.Problem;
import dev.godwit.plan.Step;
import dev.godwit.source.MigrationSource;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan: plan against history without changing anything, then lock → history table → re-plan → each
 * migration in its own transaction with its history row → unlock. The session's {@link Safeguards} run holding
 * the lock: before the first change (backup), after the last (integrity checks) and when a step fails.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    /** A refusal lists this many problems and counts the rest, so a message stays readable at any history size. */
    private static final int MAX_PROBLEMS_SHOWN = 20;

    private final DatabaseSession session;
    private final SqlSplitter splitter;
    private final GodwitConfig config;
    private final GodwitListener listener;
    private final String appliedBy;
    private final Safeguards safeguards;

    public Migrator(DatabaseSession session, SqlSplitter splitter, GodwitConfig config, String appliedBy) {
        this(session, splitter, config, appliedBy, Safeguards.NONE);
    }

    public Migrator(DatabaseSession session, SqlSplitter splitter, GodwitConfig config, String appliedBy,
                    Safeguards safeguards) {
        this.safeguards = safeguards;
        this.session = session;
        this.splitter = splitter;
        this.config = config;
        this.listener = config.listener();
        this.appliedBy = appliedBy;
    }

    /** Plans against the current history and throws, changing nothing, when the plan has problems. */
    public Plan checkedPlan(List<PreparedMigration> available, List<AppliedMigration> history, PlanRequest request) {
        Plan plan = Planner.plan(available, history, request);
        if (!plan.isRunnable()) {
            throw refused(plan);
        }
        return plan;
    }

    public RunResult run(List<PreparedMigration> available, PlanRequest request, boolean dryRun) {
        return run(available, request, dryRun, null, null);
    }

    /**
     * A dry run against {@code history} instead of the history table: what a run would do once rows that are not
     * written yet (a database a dry run would adopt from its version table) are in history. Changes nothing.
     */
    public RunResult dryRunAssuming(List<PreparedMigration> available, PlanRequest request,
                                    List<AppliedMigration> history) {
        return run(available, request, true, null, List.copyOf(history));
    }

    /**
     * Applies a plan the user has seen and confirmed. Re-plans its request before and under the lock, and refuses,
     * changing nothing, when the steps differ from the confirmed ones (another runner moved on, or a file changed).
     */
    public RunResult apply(List<PreparedMigration> available, Plan confirmed) {
        return run(available, confirmed.request(), false, confirmed, null);
    }

    private RunResult run(List<PreparedMigration> available, PlanRequest request, boolean dryRun, Plan confirmed,
                          List<AppliedMigration> assumed) {
        List<AppliedMigration> history = assumed != null ? assumed : session.readHistory();
        Plan plan = checkedPlan(available, history, request);
        refuseIfNotConfirmed(plan, confirmed);
        Map<Step, List<Statement>> statements = statementsOf(plan);
        refuseEmptyDowns(statements);
        refuseCodeWhereUnsupported(plan);
        plan.warnings().forEach(listener::warning);
        listener.on(new GodwitEvent.RunStarted(plan.direction(), plan.steps(), dryRun));
        if (dryRun) {
            return RunResult.planned(plan, currentVersion(history, available));
        }
        if (plan.steps().isEmpty()) { // nothing to do: the history just read is still the answer
            return new RunResult(plan.direction(), false, plan, List.of(), currentVersion(history, available));
        }
        List<StepResult> done = new ArrayList<>();
        try (MigrationLock lock = session.lock(config.lockTimeout())) {
            safeguards.beforeChanges(plan);
            session.ensureHistoryTable();
            Plan locked = checkedPlan(available, session.readHistory(), request);
            refuseIfNotConfirmed(locked, confirmed);
            if (!locked.steps().equals(plan.steps())) {
                LOG.debug("history changed while waiting for the lock; re-planned");
                done.addAll(doneByOthers(plan, locked, lock.waited()));
                plan = locked;
                statements = statementsOf(plan);
                refuseEmptyDowns(statements);
            }
            try (StopSignal.Registration abort = config.stopSignal().onAbort(session::abortRunningStatement)) {
                callback(GodwitCallback.Moment.BEFORE_RUN, plan.direction(), null, done);
                for (Step step : plan.steps()) {
                    if (config.stopSignal().requested()) {
                        throw stopped(plan, step, done, null);
                    }
                    try {
                        callback(GodwitCallback.Moment.BEFORE_EACH, step.direction(), step, done);
                        done.add(runStep(step, statements.get(step), done));
                        callback(GodwitCallback.Moment.AFTER_EACH, step.direction(), step, done);
                    } catch (StatementFailure f) {
                        throw safeguards.failed(step, stopped(plan, step, done, f));
                    } catch (GodwitException e) {
                        throw safeguards.failed(step, e);
                    }
                }
                callback(GodwitCallback.Moment.AFTER_RUN, plan.direction(), null, done);
            }
            safeguards.afterChanges(plan);
        }
        return new RunResult(plan.direction(), false, plan, done, currentVersion(session.readHistory(), available));
    }

    private static void refuseIfNotConfirmed(Plan now, Plan confirmed) {
        if (confirmed != null && !now.steps().equals(confirmed.steps())) {
            throw new GodwitException(ErrorCode.PLAN_REFUSED, "the plan changed since it was confirmed (history or "
                    + "the migration files changed meanwhile); nothing was changed",
                    "plan again, and confirm the plan as it is now");
        }
    }

    /** Steps of the first plan that the re-plan under the lock dropped: another runner did them meanwhile. */
    private List<StepResult> doneByOthers(Plan before, Plan after, boolean waited) {
        java.util.Set<Version> still = after.steps().stream().map(Step::version)
                .collect(Collectors.toSet());
        List<StepResult> others = before.steps().stream().filter(s -> !still.contains(s.version()))
                .map(s -> new StepResult(s.version(), s.description(), s.script(), 0, true)).toList();
        if (!others.isEmpty()) {
            listener.info("another runner " + (before.direction() == Direction.UP ? "applied " : "reverted ")
                    + others.size() + " migration(s) " + (waited ? "while this one waited for the lock"
                    : "after this one read history and before it took the lock") + ": "
                    + Version.summarize(others.stream().map(StepResult::version).toList()));
        }
        return others;
    }

    private StepResult runStep(Step step, List<Statement> statements, List<StepResult> before) {
        listener.stepStarted(step);
        long t0 = System.nanoTime();
        boolean already;
        try {
            if (step.directives().noTransaction()) {
                already = runAlone(step, statements, t0);
            } else {
                AppliedMigration row = step.direction() == Direction.UP ? newRow(step, 0) : null;
                Work work;
                if (step.section() != null && step.section().streamed()) {
                    work = new Work.Stream(step.section(), new Progress(step));
                } else {
                    statements.forEach(s -> listener.statement(step, s));
                    work = workOf(step, statements);
                }
                already = session.apply(new Change(step.direction(), step.version(), step.file(), work, row,
                        step.directives(), step.replaces())) == DatabaseSession.Outcome.ALREADY_DONE;
            }
        } catch (StatementFailure f) {
            listener.stepFailed(step);
            if (config.stopSignal().requested()) {
                throw f; // the run turns it into "stopped", saying what was rolled back
            }
            throw failed(step, f, javaOf(step) != null ? 1 : streamed(step) ? -1 : statements.size(), before);
        } catch (ConnectionLost lost) {
            if (lost.done().orElse(false)) {
                listener.stepFinished(step, (System.nanoTime() - t0) / 1_000_000, false);
            } else {
                listener.stepFailed(step);
            }
            throw connectionLost(step, lost, streamed(step) ? -1 : statements.size(), before);
        } catch (GodwitException e) {
            listener.stepFailed(step);
            if (e.code() == ErrorCode.MIGRATION_FILE && step.section() != null && step.section().streamed()) {
                throw withAppliedBefore(new GodwitException(e.code(), e.getMessage() + "\n  found while running "
                        + step.script() + " (a file this large is read as it runs): its transaction was rolled back,"
                        + " nothing of it remains", e.hint(), e), step, before);
            }
            throw e.code() == ErrorCode.DATABASE ? withAppliedBefore(e, step, before) : e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        listener.stepFinished(step, ms, already);
        LOG.info("{} {} {} ({} ms{})", step.direction() == Direction.UP ? "applied" : "reverted",
                step.version(), step.description(), ms, already ? ", already done by another runner" : "");
        return new StepResult(step.version(), step.description(), step.script(), ms, already);
    }

    /**
     * Runs a {@code no-transaction} step statement by statement. Up: a history row marked unfinished is written
     * first (so another runner skips it and a crash leaves it visible as failed), then completed. Down: the row
     * is marked unfinished, then deleted after the last statement. Before each statement the row's note says
     * which statement is running, so a kill leaves a row that says where it stopped.
     */
    private boolean runAlone(Step step, List<Statement> sqlStatements, long t0) {
        boolean up = step.direction() == Direction.UP;
        Work.Code code = javaOf(step) == null ? null : (Work.Code) workOf(step, List.of());
        // a Java migration without a transaction runs as one step of its own, like a statement
        List<Statement> statements = code == null ? sqlStatements
                : List.of(new Statement("-- java " + code.name(), 1));
        int n = statements.size();
        AppliedMigration row;
        if (up) {
            row = newRow(step, 0).withOutcome(false, 0, n == 0 ? null
                    : Interruption.running(Direction.UP, 1, n, statements.get(0).line()));
            if (step.reapplies()) {
                AppliedMigration now = session.readHistory().stream()
                        .filter(a -> a.version().equals(step.version())).findFirst().orElse(null);
                if (now == null || !java.util.Objects.equals(now.checksum(), step.replaces().checksum())) {
                    return true; // another runner applied it again meanwhile
                }
                session.updateHistory(row);
            } else if (!session.insertHistory(row)) {
                return true;
            }
        } else {
            row = session.readHistory().stream().filter(a -> a.version().equals(step.version())).findFirst()
                    .orElse(null);
            if (row == null) {
                return true;
            }
        }
        for (int i = 0; i < n; i++) {
            Statement st = statements.get(i);
            if (i > 0 || !up) {
                session.updateHistory(row.withOutcome(false, elapsed(t0),
                        Interruption.running(step.direction(), i + 1, n, st.line())));
            }
            listener.statement(step, st);
            try {
                if (code != null) {
                    session.runAlone(code, st);
                } else {
                    session.executeAlone(st, i);
                }
            } catch (StatementFailure f) {
                String note = (up ? "" : "down ") + "stopped at statement "
                        + (i + 1) + " of " + n + " (line " + st.line() + "): " + f.getMessage();
                session.updateHistory(row.withOutcome(false, elapsed(t0), note));
                throw f;
            }
        }
        if (up) {
            session.updateHistory(row.withOutcome(true, elapsed(t0),
                    step.reapplies() ? AppliedMigration.reappliedNote(step.replaces()) : null));
        } else {
            session.deleteHistory(step.version());
        }
        return false;
    }

    private static boolean streamed(Step step) {
        return step.section() != null && step.section().streamed();
    }

    /**
     * Events for a large file's statements as they are read and run: each statement, and about once a second how
     * far the file has been read ({@link GodwitEvent.Progress}).
     */
    private final class Progress implements java.util.function.BiConsumer<Statement,
            dev.godwit.migration.SectionStream> {
        private final Step step;
        private final long t0 = System.nanoTime();
        private long last = t0;

        Progress(Step step) {
            this.step = step;
        }

        @Override
        public void accept(Statement statement, dev.godwit.migration.SectionStream stream) {
            listener.statement(step, statement);
            long now = System.nanoTime();
            if (now - last >= 1_000_000_000L) {
                last = now;
                listener.on(new GodwitEvent.Progress(step, stream.bytesRead(), stream.bytesTotal(),
                        (now - t0) / 1_000_000));
            }
        }
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private AppliedMigration newRow(Step step, long ms) {
        PreparedMigration m = step.migration();
        boolean java = m.up().java() != null;
        String down = m.down() == null || java ? null : m.down().sql();
        String at = Instant.now(config.clock()).truncatedTo(ChronoUnit.MILLIS).toString();
        String kind = java ? AppliedMigration.JAVA : m.repeatable() ? AppliedMigration.REPEATABLE
                : AppliedMigration.SQL;
        // a large file's checksum is taken as the run streams it: the session fills it in (JdbcSession)
        String checksum = streamed(step) && step.replaces() == null && m.migration().checksumPending() ? null
                : m.checksum();
        return new AppliedMigration(m.version(), m.description(), m.script(), checksum, down, kind, at,
                appliedBy, ms, true, step.reapplies() ? AppliedMigration.reappliedNote(step.replaces()) : null);
    }

    /**
     * The statements of each step. The sections of the steps (and the down sections that up steps record in history)
     * are split first, all together, so that every problem of the files that would run is reported at once, before
     * any change.
     */
    private Map<Step, List<Statement>> statementsOf(Plan plan) {
        List<Section> sections = new ArrayList<>();
        for (Step s : plan.steps()) {
            sections.add(s.section());
            if (s.direction() == Direction.UP && s.migration() != null) {
                sections.add(s.migration().down());
            }
        }
        Section.splitAll(sections, config.migrationSources().stream().map(MigrationSource::describe)
                .collect(Collectors.joining(", ")));
        Map<Step, List<Statement>> out = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            out.put(s, s.section() != null && s.section().streamed() ? List.of()
                    : s.section() != null ? s.section().statements()
                    : splitter.split(s.recordedSql(), s.script() + " (down section recorded in history)", 1));
        }
        return out;
    }

    /**
     * A down section with no statement (recorded in history before such sections counted as none) cannot roll
     * anything back: refuse the run before any change rather than delete the history row and leave the schema.
     */
    private static void refuseEmptyDowns(Map<Step, List<Statement>> statements) {
        List<String> empty = statements.entrySet().stream()
                .filter(e -> e.getKey().direction() == Direction.DOWN && e.getValue().isEmpty()
                        && javaOf(e.getKey()) == null && !e.getKey().directives().blankIsNoOp())
                .map(e -> e.getKey().file() + ": has no down section with SQL, so it cannot be rolled back")
                .toList();
        if (!empty.isEmpty()) {
            throw new GodwitException(ErrorCode.PLAN_REFUSED, (empty.size() == 1 ? "refused, nothing was changed: "
                    : empty.size() + " problems, nothing was changed:\n  ") + String.join("\n  ", empty),
                    "write the SQL that reverts it under '-- migrate:down' (or in a .down.sql file) and "
                            + Actions.REPAIR + " to record it, or restore a backup");
        }
    }

    /** Calls the application's callbacks; a failure stops the run, saying what was applied before. */
    private void callback(GodwitCallback.Moment moment, Direction direction, Step step, List<StepResult> before) {
        for (GodwitCallback callback : config.callbacks()) {
            try {
                session.run(new Work.Code(callback.getClass().getName(), c -> callback.on(moment,
                        new GodwitCallback.Context(c, config, direction, step))));
            } catch (Exception e) {
                String applied = before.isEmpty() ? "nothing was applied before it"
                        : "applied before it: " + Version.summarize(before.stream().map(StepResult::version).toList());
                throw new GodwitException(ErrorCode.MIGRATION_FAILED, "callback " + callback.getClass().getName()
                        + " failed " + moment.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (step == null ? "" : " " + step.version() + " (" + step.script() + ")") + ": " + e
                        + "; the run stopped, " + applied, "fix the callback and run again", e);
            }
        }
    }

    /** The Java body a step runs, or {@code null} for SQL. */
    private static JavaBody javaOf(Step step) {
        return step.section() == null ? null : step.section().java();
    }

    /** Engines that take SQL only refuse a plan with Java migrations before any change. */
    private void refuseCodeWhereUnsupported(Plan plan) {
        if (session.runsCode()) {
            return;
        }
        List<String> java = plan.steps().stream().filter(st -> javaOf(st) != null)
                .map(st -> st.version() + " (" + st.script() + ")").toList();
        if (!java.isEmpty()) {
            throw new GodwitException(ErrorCode.CONFIGURATION, "refused, nothing was changed: " + session.describe()
                    + " runs SQL only (each migration travels as one batch of statements), so it cannot run the "
                    + "Java migration(s) " + String.join(", ", java),
                    "write these migrations in SQL, or run them against a SQLite file or PostgreSQL");
        }
    }

    /** The work of a step: its statements, or its Java migration's up or down given the connection. */
    private Work workOf(Step step, List<Statement> statements) {
        JavaBody java = javaOf(step);
        if (java == null) {
            return new Work.Statements(statements);
        }
        JavaMigration m = java.migration();
        return new Work.Code(m.getClass().getName() + (java.up() ? ".up" : ".down"), c -> {
            JavaMigration.Context context = new JavaMigration.Context(c, config);
            if (java.up()) {
                m.up(context);
            } else {
                m.down(context);
            }
        });
    }

    private GodwitException failed(Step step, StatementFailure f, int total, List<StepResult> before) {
        Statement st = f.statement();
        boolean up = step.direction() == Direction.UP;
        String what = up ? "migration" : "rollback of";
        StringBuilder msg = new StringBuilder();
        msg.append(what).append(' ').append(step.version()).append(" (").append(step.script()).append(") failed at ")
                .append(step.section() != null ? step.file() : "its down section recorded in history")
                .append(':').append(st.line()).append(", statement ").append(f.index() + 1)
                .append(total >= 0 ? " of " + total : "").append(":\n    ").append(st.excerpt())
                .append("\n  database said: ").append(f.getMessage());
        if (step.directives().noTransaction()) {
            msg.append("\n  ").append(Safeguards.STATEMENTS_STAY_APPLIED);
        } else if (up) {
            msg.append("\n  its transaction was rolled back: nothing of ").append(step.script()).append(" remains");
        } else {
            msg.append("\n  its transaction was rolled back: ").append(step.script()).append(" is still applied, "
                    + "as it was");
        }
        long ok = before.stream().filter(r -> !r.alreadyDone()).count();
        if (ok > 0) {
            msg.append("\n  this run already ").append(step.direction() == Direction.UP ? "applied" : "reverted")
                    .append(' ').append(ok).append(" migration(s) before it: ")
                    .append(Version.summarize(before.stream().filter(r -> !r.alreadyDone()).map(StepResult::version)
                            .toList()));
        }
        String hint = !f.hint().isBlank() ? f.hint()
                : step.directives().noTransaction()
                ? "fix the database by hand, then " + Actions.REPAIR + " and " + Actions.UP + " again"
                : step.section() != null ? "fix the statement in " + step.file() + " and run the command again"
                : "the down section recorded in history fails: write a working one in " + step.script()
                + ", " + Actions.REPAIR + " to record it, and run the command again";
        return new GodwitException(f.code(), msg.toString(), hint, f.getCause());
    }

    /** A database error during {@code step}, with what this run did before it. */
    private static GodwitException withAppliedBefore(GodwitException e, Step step, List<StepResult> before) {
        List<Version> did = before.stream().filter(r -> !r.alreadyDone()).map(StepResult::version).toList();
        if (did.isEmpty()) {
            return e;
        }
        return new GodwitException(e.code(), e.getMessage() + "\n  this run already "
                + (step.direction() == Direction.UP ? "applied" : "reverted") + " " + did.size()
                + " migration(s) before it: " + Version.summarize(did), e.hint(), e.getCause());
    }

    /**
     * The connection was lost during {@code step}: says what history, read again, shows about it (or that its
     * outcome is unknown), and what this run did before it. The run stops: the lock went with the connection.
     */
    private GodwitException connectionLost(Step step, ConnectionLost lost, int total, List<StepResult> before) {
        boolean up = step.direction() == Direction.UP;
        String script = step.script();
        StringBuilder msg = new StringBuilder("the connection to ").append(session.describe())
                .append(" was lost ");
        lost.statement().ifPresentOrElse(st -> msg.append("while ").append(script).append(" ran statement ")
                        .append(lost.index() + 1).append(total >= 0 ? " of " + total : "").append(" (line ")
                        .append(st.line())
                        .append(')'),
                () -> msg.append("while ").append(script).append(" was being ")
                        .append(up ? "recorded and committed" : "recorded as reverted and committed"));
        msg.append(":\n  database said: ").append(lost.getMessage()).append("\n  ");
        String hint;
        if (step.directives().noTransaction()) {
            msg.append(script).append(" ran without a transaction: the statements before that one stay ")
                    .append(up ? "applied" : "reverted").append(", and whether that one ran is unknown; its history "
                            + "row says where it stopped");
            hint = "check the database, " + Actions.REPAIR + ", then run the command again";
        } else if (lost.done().isEmpty()) {
            msg.append("the database could not be reached again, so whether ").append(script).append(" was ")
                    .append(up ? "applied" : "reverted").append(" is unknown");
            hint = "once the database is reachable, " + Actions.STATUS + " shows whether " + step.version()
                    + " is applied; "
                    + "then run the command again";
        } else if (lost.done().get()) {
            msg.append("read history on a new connection: ").append(script).append(" was ")
                    .append(up ? "applied" : "reverted").append(" (its transaction committed)");
            hint = "the connection was lost, not the migration's fault: run the command again to carry on";
        } else {
            msg.append("read history on a new connection: ").append(script).append(" was not ")
                    .append(up ? "applied" : "reverted").append(" (its transaction was rolled back: ")
                    .append(up ? "nothing of it remains)" : "it is still applied, as it was)");
            hint = "the connection was lost, not the migration's fault: run the command again to carry on";
        }
        List<Version> did = new ArrayList<>(before.stream().filter(r -> !r.alreadyDone()).map(StepResult::version)
                .toList());
        if (lost.done().orElse(false)) {
            did.add(step.version());
        }
        msg.append("\n  this run stopped there (its migration lock ended with the connection); ")
                .append(up ? "applied" : "reverted").append(" by this run: ")
                .append(did.isEmpty() ? "none" : did.size() + " (" + Version.summarize(did) + ")");
        return new GodwitException(ErrorCode.DATABASE, msg.toString(), hint, lost.getCause());
    }

    /**
     * The run was asked to stop: before {@code next} started, or while it ran ({@code aborted}, its statement
     * cancelled). Says what this run applied and what it did not.
     */
    private GodwitException stopped(Plan plan, Step next, List<StepResult> done, StatementFailure aborted) {
        boolean up = plan.direction() == Direction.UP;
        List<Version> did = done.stream().filter(r -> !r.alreadyDone()).map(StepResult::version).toList();
        int from = plan.steps().indexOf(next);
        List<Version> notDone = plan.steps().subList(from, plan.steps().size()).stream().map(Step::version).toList();
        StringBuilder msg = new StringBuilder("stopped by ").append(config.stopSignal().reason());
        if (aborted == null) {
            msg.append(" before ").append(next.script());
        } else if (next.directives().noTransaction()) {
            msg.append(" while ").append(next.script()).append(" ran without a transaction: it was cancelled at ")
                    .append("statement ").append(aborted.index() + 1).append(" (line ").append(aborted.statement()
                            .line()).append("); the statements before it stay applied and its history row is marked "
                            + "failed");
        } else {
            msg.append(" while ").append(next.script()).append(" ran: it was cancelled and rolled back, nothing of it "
                    + "remains");
        }
        msg.append("\n  ").append(up ? "applied" : "reverted").append(" by this run: ")
                .append(did.isEmpty() ? "none" : did.size() + " (" + Version.summarize(did) + ")")
                .append("\n  not ").append(up ? "applied" : "reverted").append(": ").append(notDone.size()).append(" (")
                .append(Version.summarize(notDone)).append(')');
        String hint = aborted != null && next.directives().noTransaction()
                ? "check the database, " + Actions.REPAIR + ", then run the command again"
                : "run the command again to carry on";
        return new GodwitException(ErrorCode.STOPPED, msg.toString(), hint, aborted);
    }

    static GodwitException refused(Plan plan) {
        List<Problem> problems = plan.problems();
        String head = problems.size() == 1 ? "refused, nothing was changed: "
                : problems.size() + " problems, nothing was changed:\n  ";
        String body = problems.stream().limit(MAX_PROBLEMS_SHOWN).map(Problem::message)
                .collect(Collectors.joining("\n  "))
                + (problems.size() > MAX_PROBLEMS_SHOWN ? "\n  ... and " + (problems.size() - MAX_PROBLEMS_SHOWN)
                + " more (status lists every migration with its state)" : "");
        String hint = problems.stream().map(Problem::hint).distinct().collect(Collectors.joining("; "));
        return new PlanRefusedException(head + body, hint, problems);
    }

    public static Version currentVersion(List<AppliedMigration> history) {
        return currentVersion(history, List.of());
    }

    /** The newest applied version in the order of {@code available}'s format; repeatables aside. */
    public static Version currentVersion(List<AppliedMigration> history, List<PreparedMigration> available) {
        return currentVersion(history, dev.godwit.migration.VersionOrder.of(
                available.stream().map(PreparedMigration::version).toList()));
    }

    /** The newest applied version in {@code order}; repeatables aside. */
    public static Version currentVersion(List<AppliedMigration> history, java.util.Comparator<Version> order) {
        return history.stream().filter(AppliedMigration::success).map(AppliedMigration::version)
                .filter(v -> !v.isRepeatable()).max(order).orElse(null);
    }
}
