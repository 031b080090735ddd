package dev.godwit;

import dev.godwit.dialect.BackupStore;
import dev.godwit.dialect.Capabilities;
import dev.godwit.dialect.DatabaseSession;
import dev.godwit.dialect.Dialect;
import dev.godwit.dialect.Dialects;
import dev.godwit.dialect.LockHolder;
import dev.godwit.dialect.MigrationLock;
import dev.godwit.dialect.Rehearsal;
import dev.godwit.dialect.Safeguards;
import dev.godwit.dialect.TableRows;
import dev.godwit.drift.SchemaDrift;
import dev.godwit.drift.SchemaRecorder;
import dev.godwit.execute.Migrator;
import dev.godwit.execute.UpToDate;
import dev.godwit.lint.FolderLinter;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.LintSettings;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationSet;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import dev.godwit.plan.Interruption;
import dev.godwit.plan.Plan;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.RepairPlan;
import dev.godwit.plan.Status;
import dev.godwit.source.FolderSource;
import dev.godwit.source.MigrationFiles;
import dev.godwit.source.MigrationSource;
import dev.godwit.sql.SqlSplitter;
import dev.godwit.takeover.ForeignTool;
import dev.godwit.takeover.HistoryImport;
import dev.godwit.takeover.ImportPlan;
import dev.godwit.takeover.ImportRequest;
import dev.godwit.takeover.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The library's front door. Build one from a {@link GodwitConfig}; each call opens the database, does its work
 * and closes it again.
 *
 * <pre>{@code
 * Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:app.db").migrations(Path.of("db")).build());
 * godwit.up();
 * // or the application's pool, the engine read from the connection:
 * Godwit.create(GodwitConfig.builder().dataSource(dataSource).migrations(Path.of("db")).build()).up();
 * }</pre>
 */
public final class Godwit {
    private final GodwitConfig config;
    private final Dialect dialect;
    private final SqlSplitter splitter;

    private Godwit(GodwitConfig config) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.url());
        this.splitter = new SqlSplitter(dialect.lexicalRules());
    }

    /**
     * A Godwit for {@code config}; opens nothing yet (each operation opens and closes what it needs).
     *
     * @param config the configuration, from {@link GodwitConfig#builder()}
     * @return the facade
     */
    public static Godwit create(GodwitConfig config) {
        return new Godwit(config);
    }

    /** @return the configuration this Godwit was created with */
    public GodwitConfig config() {
        return config;
    }

    /** @return the engine of the configured database (read from the URL or the connection's metadata) */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * What this target's engine can do beyond applying migrations (backups, rehearsal, its kind of lock).
     *
     * @return the engine's capabilities
     */
    public Capabilities capabilities() {
        return dialect.capabilities();
    }

    /**
     * Reads every migration file once, independent of any engine: the set keeps the problems it found (see
     * {@link MigrationSet#checked()}). Files it leaves out without an error (not in a place Godwit reads) are
     * reported to the listener as warnings.
     *
     * @return the migrations read, with the problems found
     */
    public MigrationSet migrationSet() {
        return MigrationSet.merged(config.migrationSources().stream().map(MigrationSource::load).toList());
    }

    /**
     * Reads every migration file and splits it for this target's dialect; throws listing every problem (reading and
     * splitting) at once. Migrations not written yet are named to the listener as warnings.
     *
     * @return the migrations in version order, split into statements
     * @throws GodwitException listing every problem in the files
     */
    public List<PreparedMigration> migrations() {
        return migrationSet().prepare(splitter, config.listener()::warning);
    }

    /**
     * Reads every migration file without splitting it: each is split when a run needs its statements (the
     * migrations it will run), so that comparing applied ones by checksum costs no split.
     */
    private List<PreparedMigration> available(MigrationSet set) {
        return set.prepareToSplitWhenNeeded(splitter, config.listener()::warning);
    }

    /**
     * Lints every migration file with the rules of this URL's engine, without connecting to the database. The
     * files are read as for a run, except that transaction control statements are findings here, not errors.
     *
     * @param settings which rules, at which severity
     * @return the findings
     */
    public LintReport lint(LintSettings settings) {
        return lint(settings, false);
    }

    /**
     * As {@link #lint(LintSettings)}; with {@code live}, also connects (reading only) so that the rules know the
     * database's indexes, views and triggers that no migration in the folder created. SQLite files and PostgreSQL.
     *
     * @param settings which rules, at which severity
     * @param live whether to read the database's own objects too
     * @return the findings
     */
    public LintReport lint(LintSettings settings, boolean live) {
        return new FolderLinter(dialect, config, splitter).lint(settings, live);
    }

    /**
     * Every migration with its state. Changes nothing.
     *
     * @return every migration (files and history) with its state
     */
    public Status status() {
        MigrationSet set = migrationSet();
        List<PreparedMigration> available = available(set);
        try (DatabaseSession session = dialect.open(config)) {
            List<AppliedMigration> history = session.readHistory();
            // the files not applied yet would run next: their problems are reported as a run would
            java.util.Set<Version> applied = new java.util.HashSet<>();
            history.forEach(a -> applied.add(a.version()));
            set.splitAll(available.stream().filter(m -> !applied.contains(m.version())).toList());
            if (history.isEmpty() && config.versionTable() != null) {
                session.readTable(config.versionTable()).filter(t -> !t.rows().isEmpty()).ifPresent(t -> config
                        .listener().warning("history is empty, and " + t.name() + " holds version "
                                + t.rows().get(0).get("version") + ": the next up adopts the database at it (the "
                                + "migrations up to it count as applied) before applying the rest"));
            }
            if (history.stream().anyMatch(a -> Interruption.isRunning(a.note()))) {
                session.lockHolder().filter(h -> !h.expiredAt(Instant.now())).ifPresent(h -> config.listener()
                        .warning("a runner holds the migration lock (" + h.describe() + "): a migration shown as "
                                + "interrupted may still be running"));
            }
            return Status.of(available, history);
        }
    }

    /**
     * The history rows, oldest version first (who applied each, when, how long it took). Changes nothing.
     *
     * @return the history rows
     */
    public List<AppliedMigration> history() {
        try (DatabaseSession session = dialect.open(config)) {
            return session.readHistory();
        }
    }

    /**
     * What {@link #repair} would change in the history table. Changes nothing.
     *
     * @return the repair to show and confirm
     */
    public RepairPlan repairPlan() {
        List<PreparedMigration> available = available(migrationSet());
        try (DatabaseSession session = dialect.open(config)) {
            return RepairPlan.of(available, session.readHistory());
        }
    }

    /**
     * Applies a repair the user has seen (from {@link #repairPlan}), under the migration lock. Refuses, changing
     * nothing, when history changed in the meantime.
     *
     * @param confirmed the plan the user saw
     * @return what was repaired
     */
    public RepairPlan repair(RepairPlan confirmed) {
        if (confirmed.isEmpty()) {
            return confirmed;
        }
        List<PreparedMigration> available = available(migrationSet());
        try (DatabaseSession session = dialect.open(config);
             MigrationLock lock = session.lock(config.lockTimeout())) {
            RepairPlan now = RepairPlan.of(available, session.readHistory());
            if (!now.equals(confirmed)) {
                throw new GodwitException(ErrorCode.PLAN_REFUSED, "history changed since the repair was planned; "
                        + "nothing was changed", Actions.REPAIR + " again to see what it "
                        + "would do now");
            }
            for (RepairPlan.Action action : now.actions()) {
                if (action instanceof RepairPlan.RemoveFailed r) {
                    session.deleteHistory(r.version());
                } else if (action instanceof RepairPlan.Rerecord r) {
                    session.updateHistory(r.after());
                }
                config.listener().info("repaired: " + action.describe());
            }
            return now;
        }
    }

    /**
     * Removes the migration lock by force, whoever holds it; returns whose it was.
     *
     * @return the holder of the removed lock, or empty when none held it
     */
    public Optional<LockHolder> unlock() {
        try (DatabaseSession session = dialect.open(config)) {
            return session.breakLock();
        }
    }

    /**
     * Applies every pending migration, in order.
     *
     * @return what ran
     */
    public RunResult up() {
        return run(PlanRequest.Up.all(), false);
    }

    /**
     * Applies pending migrations as {@code request} asks (e.g. {@code PlanRequest.up().to("3")}).
     *
     * @param request how far to go ({@code Up.all()}, {@code Up.to("3")}, ...)
     * @return what ran
     */
    public RunResult up(PlanRequest.Up request) {
        return run(request, false);
    }

    /**
     * Rolls back applied migrations as {@code request} asks (e.g. {@code PlanRequest.down().steps(2)}).
     *
     * @param request how far back ({@code Down.one()}, {@code Down.to("1")}, ...)
     * @return what ran
     */
    public RunResult down(PlanRequest.Down request) {
        return run(request, false);
    }

    /**
     * Applies pending migrations as asked; with {@code dryRun}, only plans. The older form of
     * {@link #up(PlanRequest.Up)} and {@link #plan(PlanRequest)}, which read better.
     *
     * @param request how far to go
     * @param dryRun only plan
     * @return what ran, or would run
     */
    public RunResult up(PlanRequest.Up request, boolean dryRun) {
        return run(request, dryRun);
    }

    /**
     * Rolls back applied migrations as asked; with {@code dryRun}, only plans. The older form of
     * {@link #down(PlanRequest.Down)} and {@link #plan(PlanRequest)}.
     *
     * @param request how far back
     * @param dryRun only plan
     * @return what ran, or would run
     */
    public RunResult down(PlanRequest.Down request, boolean dryRun) {
        return run(request, dryRun);
    }

    /**
     * What {@code request} would do now, a dry run ({@code godwit.plan(Up.all())}): the plan to show and confirm,
     * then hand to {@link #apply}. Throws ({@link ErrorCode#PLAN_REFUSED}), changing nothing, when the plan has
     * problems or the run would be refused before any change; its warnings (and a schema changed outside
     * migrations) go to the listener, as a run's do. Changes nothing.
     *
     * @param request what to plan ({@code Up.all()}, {@code Down.one()}, ...)
     * @return the plan
     */
    public Plan plan(PlanRequest request) {
        return run(request, true).plan();
    }

    /**
     * The newest applied version, read from history (in the order of the migrations' format); empty when none is
     * applied. Changes nothing.
     *
     * @return the current version
     */
    public Optional<Version> current() {
        try (DatabaseSession session = dialect.open(config)) {
            // in the order of the migrations' format (Diesel orders versions as text), as a run reports it
            return Optional.ofNullable(Migrator.currentVersion(session.readHistory(), migrationSet().order()));
        }
    }

    /**
     * Applies a plan the user has confirmed (from {@link #plan}, or the plan of a dry run): its request is planned
     * again under the migration lock, and the run is refused ({@link ErrorCode#PLAN_REFUSED}), changing nothing,
     * when the steps differ from the confirmed ones.
     *
     * @param confirmed the plan from {@link #plan}
     * @return what ran
     */
    public RunResult apply(Plan confirmed) {
        return run(confirmed.request(), false, confirmed);
    }

    private RunResult run(PlanRequest request, boolean dryRun) {
        return run(request, dryRun, null);
    }

    private RunResult run(PlanRequest request, boolean dryRun, Plan confirmed) {
        List<MigrationSource> sources = config.migrationSources();
        if (dryRun || confirmed != null || config.versionTable() != null || !UpToDate.mayApply(sources, request)) {
            return run(request, dryRun, confirmed, sources, UpToDate.NEVER, null);
        }
        // what the database keeps is read on a thread of its own while this one reads every file
        UpToDate.Lookup lookup = UpToDate.Lookup.start(() -> dialect.open(config));
        UpToDate upToDate;
        try {
            upToDate = UpToDate.of(sources, dialect.name(), request);
        } catch (RuntimeException e) {
            Optional.ofNullable(lookup.join()).ifPresent(DatabaseSession::close);
            throw e;
        }
        DatabaseSession opened = lookup.join();
        if (opened != null && !upToDate.applies()) { // reading said something: files are checked before connecting
            opened.close();
            opened = null;
        }
        SchemaRecorder schema = new SchemaRecorder(dialect, config);
        Optional<Optional<Version>> settled = Optional.empty();
        if (opened != null) {
            try {
                settled = upToDate.settled(lookup);
                if (settled.isPresent()) {
                    schema.warnIfDrifted(false, opened);
                }
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        if (settled.isEmpty()) {
            return run(request, dryRun, confirmed, sources, upToDate, opened); // closes the session
        }
        opened.close();
        // nothing to do: the warnings, event and result of planning it in full, which found the same last time
        Plan plan = new Plan(dev.godwit.plan.Direction.UP, List.of(), List.of(), List.of(), request);
        config.listener().on(new GodwitEvent.RunStarted(plan.direction(), plan.steps(), false));
        RunResult result = new RunResult(plan.direction(), false, plan, List.of(), settled.get().orElse(null));
        schema.record(result.current(), false);
        return result;
    }

    /**
     * Plans and runs in full; {@code opened}: the session a look for a kept answer opened ({@link UpToDate}), closed
     * here, or null.
     */
    private RunResult run(PlanRequest request, boolean dryRun, Plan confirmed, List<MigrationSource> sources,
                          UpToDate upToDate, DatabaseSession opened) {
        int[] preparing = new int[1];
        List<PreparedMigration> available;
        List<AppliedMigration> adopted;
        try {
            MigrationSet set = MigrationSet.merged(sources.stream().map(MigrationSource::load).toList());
            available = set.prepareToSplitWhenNeeded(splitter, warning -> {
                preparing[0]++;
                config.listener().warning(warning);
            });
            adopted = request instanceof PlanRequest.Up ? adoptFromVersionTable(dryRun) : List.of();
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        SchemaRecorder schema = new SchemaRecorder(dialect, config);
        RunResult result;
        try (DatabaseSession session = opened != null ? opened : dialect.open(config)) {
            schema.warnIfDrifted(dryRun, session);
            Migrator migrator = new Migrator(session, splitter, config, appliedBy(), session.safeguards());
            if (dryRun && !adopted.isEmpty()) { // the plan as it will be once the adopted rows are history
                result = migrator.dryRunAssuming(available, request, adopted);
            } else {
                result = confirmed == null ? migrator.run(available, request, dryRun)
                        : migrator.apply(available, confirmed);
            }
        }
        if (!dryRun) {
            boolean changed = result.steps().stream().anyMatch(step -> !step.alreadyDone());
            if (changed && upToDate.applies() && preparing[0] == 0) { // kept only when nothing was said
                // before the schema is recorded: the record's schema stamp then covers the table it may create
                try (DatabaseSession session = dialect.open(config)) {
                    upToDate.keep(session, available, request, config.lockTimeout());
                }
            }
            schema.record(result.current(), changed);
        }
        return result;
    }

    /**
     * How the live schema differs from the one recorded after the last run (Godwit's own tables left out); empty
     * when no run recorded one yet. Changes nothing. SQLite files and PostgreSQL only.
     *
     * @return the differences, or empty
     */
    public Optional<SchemaDrift> drift() {
        return new SchemaRecorder(dialect, config).drift();
    }

    /**
     * Adopts a database that was migrated without tracking: records {@code version} as a baseline, so that every
     * migration up to and including it counts as applied without running. Refused ({@link ErrorCode#PLAN_REFUSED})
     * when the history table already has rows, and ({@link ErrorCode#CONFIGURATION}) when the database does not
     * exist (a mistyped SQLite path): baseline adopts an existing database and never creates one.
     *
     * @param version     the version the database is at
     * @param description shown in status; {@code null} or blank: "baseline"
     * @return the history row written
     */
    public AppliedMigration baseline(Version version, String description) {
        if (version.isRepeatable()) {
            throw new GodwitException(ErrorCode.USAGE, "cannot baseline at " + version + ": a repeatable migration "
                    + "has no place among versions", "give the version of a versioned migration, e.g. 3 or 1.2");
        }
        String text = description == null || description.isBlank() ? "baseline" : description.strip();
        try (DatabaseSession session = dialect.open(config)) {
            if (!session.databaseExists()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "refused to baseline: " + session.describe()
                        + " does not exist; baseline adopts an existing database, so nothing was created",
                        "check the database path for a typo; a new database needs no baseline: " + Actions.UP
                                + " creates it and applies every migration");
            }
            List<AppliedMigration> before = session.readHistory(); // refuses another tool's table, changing nothing
            if (!before.isEmpty()) {
                throw baselineRefused(version, before);
            }
            return baselineExisting(session, version, text);
        }
    }

    private AppliedMigration baselineExisting(DatabaseSession session, Version version, String text) {
        try (MigrationLock lock = session.lock(config.lockTimeout())) {
            session.ensureHistoryTable();
            List<AppliedMigration> history = session.readHistory();
            if (!history.isEmpty()) {
                throw baselineRefused(version, history);
            }
            AppliedMigration row = new AppliedMigration(version, text, "<< baseline >>", null, null,
                    AppliedMigration.BASELINE, Instant.now(config.clock()).truncatedTo(ChronoUnit.MILLIS).toString(),
                    appliedBy(), 0, true, null);
            if (!session.insertHistory(row)) {
                throw baselineRefused(version, session.readHistory());
            }
            return row;
        }
    }

    private static GodwitException baselineRefused(Version version, List<AppliedMigration> history) {
        return new GodwitException(ErrorCode.PLAN_REFUSED, "refused to baseline at " + version + ": the history table"
                + " already has " + history.size() + " row(s) (newest " + history.get(history.size() - 1).version()
                + "); nothing was changed", "baseline only adopts a database without history; use "
                + Actions.STATUS + " to see what is recorded");
    }

    /**
     * Takes over another tool's history: reads its tracking table as that tool lays it out (never changing it),
     * matches each applied migration to a file of the folder, and writes Godwit's history in one transaction, so that
     * the next {@link #up} continues where that tool stopped. Each row keeps the tool's applied time (where it keeps
     * one) and gets today's checksum, verified against the tool's own where it can be (Flyway's CRC-32, sqlx's
     * SHA-384); its note says it was imported. Refused ({@link ErrorCode#IMPORT_REFUSED}), changing nothing, when the
     * table shows a failed or dirty migration, a row that matches no file or a changed file, or when Godwit's history
     * already has rows. A dry run only says what would be recorded.
     */
    public ImportResult importHistory(ImportRequest request) {
        List<PreparedMigration> available = migrations();
        try (DatabaseSession session = dialect.open(config)) {
            if (!session.databaseExists()) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "refused to import: " + session.describe()
                        + " does not exist, so it has no " + request.tool() + " history; nothing was created",
                        "check the database path for a typo");
            }
            Instant now = Instant.now(config.clock());
            ImportPlan plan = importPlan(session, request, available, now);
            if (request.dryRun() || plan.rows().isEmpty()) {
                return new ImportResult(plan, request.dryRun(), pendingAfter(available, plan.rows()));
            }
            try (MigrationLock lock = session.lock(config.lockTimeout())) {
                session.ensureHistoryTable();
                ImportPlan again = importPlan(session, request, available, now);
                if (!again.rows().equals(plan.rows()) || !session.insertHistory(again.rows())) {
                    throw new GodwitException(ErrorCode.IMPORT_REFUSED, "refused to import: history or "
                            + plan.table() + " changed while the import waited for the lock; nothing was changed",
                            "run the import again");
                }
            }
            plan.rows().forEach(r -> config.listener().info("imported " + r.version() + " (" + r.script() + ")"));
            return new ImportResult(plan, false, pendingAfter(available, plan.rows()));
        }
    }

    /** The import's plan, refused (changing nothing) when it has problems or Godwit's history has rows. */
    private ImportPlan importPlan(DatabaseSession session, ImportRequest request, List<PreparedMigration> available,
                                  Instant now) {
        List<String> names = request.table() != null ? List.of(request.table())
                : request.tool() == ForeignTool.SCHEMA_VERSION && config.versionTable() != null
                ? List.of(config.versionTable()) : request.tool().tables();
        for (String name : names) {
            if (name.equalsIgnoreCase(config.table())) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "refused to import: Godwit's history table and "
                        + request.tool() + "'s table are both " + name + "; nothing was changed",
                        "give Godwit's history another name with --table (default godwit_history)");
            }
        }
        TableRows table = names.stream().map(session::readTable).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new GodwitException(ErrorCode.IMPORT_REFUSED, "refused to import: "
                        + session.describe() + " has no table " + String.join(" or ", names) + ", so there is no "
                        + request.tool() + " history to take over; nothing was changed",
                        "if " + request.tool() + " was configured with another table, name it with --from-table"));
        ImportPlan plan = HistoryImport.plan(request.tool(), table, available, this::migrationFile, appliedBy(), now);
        List<String> problems = new java.util.ArrayList<>(plan.problems());
        List<String> hints = new java.util.ArrayList<>(plan.hints());
        List<AppliedMigration> history = session.readHistory();
        if (!history.isEmpty()) {
            problems.add("Godwit's history table " + config.table() + " already has " + history.size() + " row(s) "
                    + "(newest " + history.get(history.size() - 1).version() + "): import only fills an empty history");
            hints.add("compare " + Actions.STATUS + " with the tool's table; import into a database whose Godwit "
                    + "history is empty");
        }
        if (!problems.isEmpty()) {
            throw new GodwitException(ErrorCode.IMPORT_REFUSED, "refused to import " + request.tool() + "'s history "
                    + "from " + plan.table() + ", nothing was changed:\n  " + String.join("\n  ", problems),
                    String.join("; ", hints.stream().distinct().toList()));
        }
        return plan;
    }

    /** A migration file's bytes as written, for the checksums other tools keep; empty when it is not a file. */
    private Optional<byte[]> migrationFile(String script) {
        for (MigrationSource source : config.migrationSources()) {
            if (source instanceof FolderSource folder) {
                Path file = folder.folder().resolve(script);
                if (Files.isRegularFile(file)) {
                    try {
                        return Optional.of(Files.readAllBytes(file));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** What the next up applies after the import: pending migrations and repeatables to apply again. */
    private static List<Version> pendingAfter(List<PreparedMigration> available, List<AppliedMigration> rows) {
        return Status.of(available, rows).entries().stream()
                .filter(e -> e.state() == dev.godwit.plan.State.PENDING || e.state() == dev.godwit.plan.State.OUTDATED)
                .map(dev.godwit.plan.StatusEntry::version).toList();
    }

    /**
     * With a version table configured and Godwit's history empty: adopts the database at the version that table
     * holds, through {@link #importHistory} (a dry run only says so). Returns the rows adopted (for a dry run: the
     * rows it would record), empty when there was nothing to adopt.
     */
    private List<AppliedMigration> adoptFromVersionTable(boolean dryRun) {
        if (config.versionTable() == null) {
            return List.of();
        }
        Optional<TableRows> table;
        try (DatabaseSession session = dialect.open(config)) {
            if (!session.databaseExists() || !session.readHistory().isEmpty()) {
                return List.of();
            }
            table = session.readTable(config.versionTable());
        }
        if (table.isEmpty() || table.get().rows().isEmpty()) {
            return List.of();
        }
        ImportResult adopted = importHistory(ImportRequest.from(ForeignTool.SCHEMA_VERSION).withDryRun(dryRun));
        if (!adopted.rows().isEmpty()) {
            config.listener().info((dryRun ? "would adopt" : "adopted") + " the database at version "
                    + adopted.current() + " from " + adopted.plan().table() + ": " + adopted.rows().size()
                    + " migration(s) " + (dryRun ? "would be " : "") + "recorded as applied");
        }
        return adopted.rows();
    }

    /**
     * Really runs the plan of {@code request} on a throwaway stand-in for the database (SQLite: a copy in a
     * temporary folder), checks it as a real run would, and throws the stand-in away: the real database is not
     * changed. A failure is thrown as the run's error, saying it happened in a rehearsal.
     *
     * @param request what to rehearse
     * @return what the rehearsal ran, and how long it took
     */
    public RehearsalResult rehearse(PlanRequest request) {
        List<PreparedMigration> available = available(migrationSet());
        Plan plan;
        Version current;
        try (DatabaseSession real = dialect.open(config)) {
            List<AppliedMigration> history = real.readHistory();
            current = Migrator.currentVersion(history, available);
            plan = new Migrator(real, splitter, config, appliedBy()).checkedPlan(available, history, request);
        }
        long t0 = System.nanoTime();
        try (Rehearsal rehearsal = dialect.rehearsal(config)) {
            if (!rehearsal.runsNoTransaction()) {
                plan.steps().stream().filter(s -> s.directives().noTransaction()).findFirst().ifPresent(s -> {
                    throw new GodwitException(ErrorCode.PLAN_REFUSED, "cannot rehearse " + s.script()
                            + ": it runs without a transaction, and a rehearsal here is a transaction that is "
                            + "rolled back; nothing was changed", Actions.DRY_RUN + " to see its SQL");
                });
            }
            config.listener().info("rehearsing on " + rehearsal.describe());
            try (DatabaseSession session = rehearsal.open()) {
                RunResult run = new Migrator(session, splitter, config, appliedBy(), session.safeguards())
                        .run(available, request, false);
                return new RehearsalResult(run, (System.nanoTime() - t0) / 1_000_000, rehearsal.describe(), current);
            } catch (GodwitException e) {
                String message = e.getMessage().replace(Safeguards.STATEMENTS_STAY_APPLIED,
                        "it ran without a transaction (on the stand-in only)");
                throw new GodwitException(e.code(), "rehearsal failed after " + (System.nanoTime() - t0) / 1_000_000
                        + " ms (" + config.url().redacted() + " was not changed): " + message, rehearsalHint(e), e);
            }
        }
    }

    /**
     * The next step after a failed rehearsal. The real database was not changed, so remedies for a changed one
     * (fixing it by hand, repair, restoring a backup, inspecting it) would send the user the wrong way; engine
     * hints about the statement itself (e.g. "needs no-transaction") stay.
     */
    private static String rehearsalHint(GodwitException e) {
        String hint = e.hint();
        boolean forAChangedDatabase = hint.contains("by hand") || hint.contains(Actions.REPAIR)
                || hint.contains("godwit repair")
                || hint.contains("godwit restore") || hint.contains("inspect the database");
        if (e.code() == ErrorCode.MIGRATION_FAILED || e.code() == ErrorCode.INTEGRITY_FAILED) {
            return forAChangedDatabase || hint.isBlank() || hint.startsWith("fix the statement in")
                    ? "nothing was changed, so there is nothing to repair or restore: fix the migration named above "
                            + "and rehearse again" : hint;
        }
        return hint;
    }

    /**
     * Puts a backup back, holding the migration lock so that no runner is half-way through a run. A lock row that
     * came with the backup belongs to a runner of the past, so it is removed with the restore. Engines without the
     * backups capability refuse.
     *
     * @param backup the backup file, from {@link #backups()}
     */
    public void restore(Path backup) {
        BackupStore backups = backups();
        if (!backups.databaseReadable()) {
            backups.restore(backup); // nothing there that a runner could be using
            return;
        }
        try (DatabaseSession session = dialect.open(config);
             MigrationLock lock = session.lock(config.lockTimeout())) {
            backups.restore(backup);
            session.breakLock().ifPresent(h -> config.listener().info("removed the lock row that came with the "
                    + "backup (" + h.host() + ", pid " + h.pid() + ")"));
        }
    }

    /**
     * The backups of this database: list them, put one back ({@link #restore}). Refused
     * ({@link ErrorCode#CONFIGURATION}) for engines without the {@link Capabilities#backups()} capability.
     *
     * @return the backups
     */
    public BackupStore backups() {
        return dialect.backups(config).orElseThrow(() -> new GodwitException(ErrorCode.CONFIGURATION,
                "backups are not supported for " + dialect.name() + ", and " + config.url().redacted()
                        + " is one", "back it up with the engine's own tools"));
    }

    /**
     * Status, for {@code validate}: its {@link Status#problems()} are what fails validation.
     *
     * @return the status; valid when its problems are empty
     */
    public Status validate() {
        return status();
    }

    /**
     * Writes a new, empty migration file and returns its path.
     *
     * @param name what the migration does, e.g. {@code add_tags}
     * @return the new file
     */
    public Path newMigration(String name) {
        return MigrationFiles.create(config.migrations(), name, config.clock());
    }

    /**
     * Who applies migrations: OS user and host, as recorded in history.
     *
     * @return e.g. {@code ann@build-host}
     */
    public static String appliedBy() {
        String user = System.getProperty("user.name", "unknown");
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                host = "";
            }
        }
        return host.isBlank() ? user : user + "@" + host;
    }
}
