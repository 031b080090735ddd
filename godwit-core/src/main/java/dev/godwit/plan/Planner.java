package dev.godwit.plan;

import dev.godwit.Actions;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.migration.VersionOrder;
import dev.godwit.plan.Problem.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what to run: (migrations on disk, history rows, request) → a {@link Plan}. A pure function: no I/O, no
 * clock, no logging; it reports every problem at once.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(List<PreparedMigration> available, List<AppliedMigration> history, PlanRequest request) {
        if (request instanceof PlanRequest.Up up) {
            return planUp(available, history, up);
        }
        return planDown(available, history, (PlanRequest.Down) request);
    }

    private static Plan planUp(List<PreparedMigration> available, List<AppliedMigration> history, PlanRequest.Up req) {
        VersionOrder order = orderOf(available);
        Map<Version, PreparedMigration> onDisk = byVersion(available);
        Map<Version, AppliedMigration> applied = history.stream()
                .collect(Collectors.toMap(AppliedMigration::version, a -> a, (a, b) -> a, LinkedHashMap::new));
        List<Problem> problems = new ArrayList<>();
        if (available.isEmpty() && !history.isEmpty()) {
            problems.add(new Problem(Kind.NO_MIGRATIONS, null, "no migration files found, but history records "
                    + history.size() + " migration(s) (newest " + currentOrNewest(history) + ")",
                    Actions.POINT_AT_MIGRATIONS + " at the folder that holds this database's migrations"));
        } else {
            problems.addAll(historyProblems(onDisk, history, req.ignoreMissing()));
        }
        List<String> warnings = new ArrayList<>();
        for (AppliedMigration a : history) {
            PreparedMigration m = onDisk.get(a.version());
            if (m != null && a.success() && !a.isBaseline() && !m.repeatable()
                    && Drift.of(a, m) == Drift.FORMAT_CHANGED) {
                warnings.add(m.script() + ": " + Drift.formatNote(a, m));
            }
        }
        if (req.ignoreMissing()) {
            for (AppliedMigration a : history) {
                if (!a.isBaseline() && !onDisk.containsKey(a.version())) {
                    warnings.add("applied migration " + a.version() + " (" + a.script() + ") has no file; ignored");
                }
            }
        }

        Optional<Version> baseline = baselineVersion(history, order);
        Optional<Version> newest = newestApplied(history, order);
        List<PreparedMigration> pending = available.stream()
                .filter(PreparedMigration::written)
                .filter(m -> !m.repeatable())
                .filter(m -> !applied.containsKey(m.version()))
                .filter(m -> baseline.map(b -> order.compare(m.version(), b) > 0).orElse(true))
                .sorted(Comparator.comparing(PreparedMigration::version, order))
                .toList();

        List<PreparedMigration> late = newest
                .map(n -> pending.stream().filter(m -> order.compare(m.version(), n) < 0).toList())
                .orElse(List.of());
        if (!late.isEmpty()) {
            if (req.outOfOrder()) {
                warnings.add("applying " + late.size() + " migration(s) out of order: "
                        + Version.summarize(late.stream().map(PreparedMigration::version).toList()));
            } else {
                for (PreparedMigration m : late) {
                    problems.add(new Problem(Kind.OUT_OF_ORDER, m.version(), m.script()
                            + ": pending, but older than the newest applied migration " + newest.get(),
                            "give it a version newer than " + newest.get() + ", or " + Actions.ALLOW_OUT_OF_ORDER
                                    + " to apply it anyway"));
                }
            }
        }

        List<Step> chosen = new ArrayList<>();
        for (PreparedMigration m : pending) {
            chosen.add(new Step(Direction.UP, m.version(), m.description(), m.script(), m.up(), null,
                    m.up().directives(), m));
        }
        if (req.to() != null) {
            Version to = req.to();
            if (to.isRepeatable()) {
                problems.add(new Problem(Kind.UNKNOWN_TARGET, to, "target " + to + " is a repeatable migration, "
                        + "which has no place in the order of versions", "choose a version from " + Actions.STATUS
                        + "; repeatable migrations run after the versions of every run"));
            } else if (!onDisk.containsKey(to) && !applied.containsKey(to)) {
                problems.add(new Problem(Kind.UNKNOWN_TARGET, to, "target version " + to
                        + " matches no migration", "choose a version from " + Actions.STATUS));
            }
            chosen = chosen.stream().filter(st -> order.compare(st.version(), to) <= 0).toList();
        }
        // as Flyway: after the versioned migrations of the run, each repeatable that is new or whose file changed
        // since it was last applied, in order of description
        List<Step> all = new ArrayList<>(chosen);
        for (PreparedMigration m : available) {
            if (!m.repeatable() || !m.written()) {
                continue;
            }
            AppliedMigration a = applied.get(m.version());
            if (a == null) {
                all.add(new Step(Direction.UP, m.version(), m.description(), m.script(), m.up(), null,
                        m.up().directives(), m));
            } else if (a.success() && Drift.of(a, m) == Drift.CHANGED) {
                all.add(new Step(Direction.UP, m.version(), m.description(), m.script(), m.up(), null,
                        m.up().directives(), m, a));
            }
        }
        all.sort(Comparator.comparing(Step::version, order));
        List<Step> steps = req.step() > 0 && all.size() > req.step() ? all.subList(0, req.step()) : all;
        return new Plan(Direction.UP, steps, problems, warnings, req);
    }

    private static Plan planDown(List<PreparedMigration> available, List<AppliedMigration> history,
                                 PlanRequest.Down req) {
        VersionOrder order = orderOf(available);
        Map<Version, PreparedMigration> onDisk = byVersion(available);
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (AppliedMigration a : history) {
            if (!a.success()) {
                problems.add(failedProblem(a));
            }
        }
        // repeatable migrations are never reverted (Flyway has no undo for them): down leaves their rows
        List<AppliedMigration> newestFirst = history.stream()
                .filter(AppliedMigration::success)
                .filter(a -> !a.version().isRepeatable())
                .sorted(Comparator.comparing(AppliedMigration::version, order).reversed())
                .toList();
        List<AppliedMigration> revertible = new ArrayList<>();
        for (AppliedMigration a : newestFirst) {
            if (a.isBaseline()) {
                break;
            }
            revertible.add(a);
        }

        List<AppliedMigration> targets;
        if (req.all()) {
            targets = revertible;
        } else if (req.to() != null) {
            Version to = req.to();
            boolean known = !to.isRepeatable()
                    && history.stream().anyMatch(a -> a.success() && a.version().equals(to));
            if (!known) {
                problems.add(new Problem(Kind.UNKNOWN_TARGET, to, "target version " + to + " is not applied",
                        "choose an applied version from " + Actions.STATUS + " (it stays applied), or "
                                + Actions.ROLL_BACK_ALL));
                targets = List.of();
            } else {
                targets = revertible.stream().filter(a -> order.compare(a.version(), to) > 0).toList();
                boolean blocked = newestFirst.stream()
                        .anyMatch(a -> a.isBaseline() && order.compare(a.version(), to) > 0);
                if (blocked) {
                    problems.add(new Problem(Kind.BEYOND_HISTORY, to, "cannot roll back past the baseline",
                            "choose a target at or above the baseline version"));
                }
            }
        } else {
            int n = req.step() == 0 ? 1 : req.step();
            if (req.step() > 0 && n > revertible.size()) {
                problems.add(new Problem(Kind.BEYOND_HISTORY, null, "cannot roll back " + n + " migration(s): "
                        + (revertible.isEmpty() ? "none is" : "only " + revertible.size() + " is/are")
                        + " applied" + (newestFirst.size() > revertible.size() ? " above the baseline" : ""),
                        Actions.FEWER_STEPS + ", or " + Actions.ROLL_BACK_ALL));
                targets = List.of();
            } else {
                targets = revertible.subList(0, Math.min(n, revertible.size()));
            }
        }

        List<Step> steps = new ArrayList<>();
        for (AppliedMigration a : targets) {
            PreparedMigration m = onDisk.get(a.version());
            Section fileDown = m == null ? null : m.down();
            if (a.downSql() == null && fileDown == null) {
                problems.add(new Problem(Kind.NO_DOWN, a.version(), a.script()
                        + ": has no down section with SQL, so it cannot be rolled back",
                        "write the SQL that reverts it under '-- migrate:down' (or in a .down.sql file; an empty or "
                                + "comment-only section counts as none), or restore a backup"));
                continue;
            }
            if (a.downSql() == null) {
                warnings.add(a.script() + ": no down section was recorded when it was applied; using the file's");
                steps.add(new Step(Direction.DOWN, a.version(), a.description(), a.script(), fileDown, null,
                        fileDown.directives(), m));
            } else if (fileDown != null && Checksum.sameText(fileDown.sql(), a.downSql())) {
                steps.add(new Step(Direction.DOWN, a.version(), a.description(), a.script(), fileDown, null,
                        fileDown.directives(), m));
            } else {
                warnings.add(a.script() + ": " + (m == null ? "file is gone; running the down section recorded in "
                        + "history" : "down section changed since it was applied; running the down section recorded "
                        + "in history; to run the file's instead, " + Actions.REPAIR + " first (it records the "
                        + "file's down section)"));
                steps.add(new Step(Direction.DOWN, a.version(), a.description(), a.script(), null, a.downSql(),
                        fileDown != null ? fileDown.directives() : dev.godwit.migration.Directives.NONE, m));
            }
        }
        return new Plan(Direction.DOWN, steps, problems, warnings, req);
    }

    /** Applied rows that stop a forward run: failed, edited or (unless ignored) missing files. */
    static List<Problem> historyProblems(Map<Version, PreparedMigration> onDisk, List<AppliedMigration> history,
                                         boolean ignoreMissing) {
        List<Problem> problems = new ArrayList<>();
        for (AppliedMigration a : history) {
            if (!a.success()) {
                problems.add(failedProblem(a));
                continue;
            }
            if (a.isBaseline()) {
                continue;
            }
            PreparedMigration m = onDisk.get(a.version());
            if (m == null) {
                if (!ignoreMissing) {
                    problems.add(new Problem(Kind.MISSING_FILE, a.version(), a.script()
                            + ": applied, but the file is gone",
                            "restore the file, or " + Actions.IGNORE_MISSING));
                }
            } else if (!m.repeatable() && Drift.of(a, m) == Drift.CHANGED) {
                // a repeatable whose file changed is not a problem: it is pending, to be applied again
                String format = Drift.formatChanged(a, m) ? " as " + a.script() + " (its file format changed too)"
                        : "";
                problems.add(new Problem(Kind.CHANGED, a.version(), m.script()
                        + ": changed since it was applied" + format + " (checksum " + Checksum.shortForm(a.checksum())
                        + " recorded, " + Checksum.shortForm(m.checksum()) + " now)",
                        "revert the edit and put the change in a new migration, or " + Actions.REPAIR
                                + " to accept the edit"));
            }
        }
        return problems;
    }

    private static Problem failedProblem(AppliedMigration a) {
        return new Problem(Kind.FAILED, a.version(), a.script() + ": failed part-way"
                + (a.note() == null ? "" : " (" + Interruption.describe(a.note()) + ")"),
                "check which of its statements ran and finish or undo them by hand, then " + Actions.REPAIR
                        + " to clear the failed row");
    }

    private static Version currentOrNewest(List<AppliedMigration> history) {
        return history.stream().map(AppliedMigration::version).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The order the migrations on disk run in, as their format defines it (history rows follow it). */
    static VersionOrder orderOf(List<PreparedMigration> available) {
        return VersionOrder.of(available.stream().map(PreparedMigration::version).toList());
    }

    /** The newest successfully applied version (repeatables, which have no place among versions, aside). */
    static Optional<Version> newestApplied(List<AppliedMigration> history, VersionOrder order) {
        return history.stream().filter(AppliedMigration::success).map(AppliedMigration::version)
                .filter(v -> !v.isRepeatable()).max(order);
    }

    static Optional<Version> baselineVersion(List<AppliedMigration> history, VersionOrder order) {
        return history.stream().filter(AppliedMigration::isBaseline).map(AppliedMigration::version).max(order);
    }

    private static Map<Version, PreparedMigration> byVersion(List<PreparedMigration> available) {
        Map<Version, PreparedMigration> map = new LinkedHashMap<>();
        for (PreparedMigration m : available) {
            map.put(m.version(), m);
        }
        return map;
    }
}
