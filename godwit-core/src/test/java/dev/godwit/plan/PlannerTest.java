package dev.godwit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.plan.Problem.Kind;
import dev.godwit.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static PreparedMigration m(String version) {
        return m(version, "CREATE TABLE t" + version.replace('.', '_') + " (id INTEGER)", "DROP TABLE t" + version);
    }

    static PreparedMigration m(String version, String up, String down) {
        String file = version + "_m.sql";
        Section u = new Section(file, 2, up, List.of(new Statement(up, 2)), Directives.NONE);
        Section d = down == null ? null : new Section(file, 4, down, List.of(new Statement(down, 4)), Directives.NONE);
        return new PreparedMigration(Version.parse(version), "m", file, u, d, Checksum.of(up));
    }

    static AppliedMigration applied(PreparedMigration m) {
        return new AppliedMigration(m.version(), m.description(), m.script(), m.checksum(),
                m.down() == null ? null : m.down().sql(), AppliedMigration.SQL, "2025-01-01T00:00:00Z", "t", 1,
                true, null);
    }

    static List<PreparedMigration> disk(String... versions) {
        return Arrays.stream(versions).map(PlannerTest::m).toList();
    }

    static List<AppliedMigration> history(String... versions) {
        List<AppliedMigration> out = new ArrayList<>();
        for (String v : versions) {
            out.add(applied(m(v)));
        }
        return out;
    }

    static List<String> versions(Plan p) {
        return p.steps().stream().map(s -> s.version().text()).toList();
    }

    static List<Kind> kinds(Plan p) {
        return p.problems().stream().map(Problem::kind).toList();
    }

    @Test
    void upPlansEveryPendingMigrationInVersionOrder() {
        Plan p = Planner.plan(disk("10", "2", "1"), history("1"), PlanRequest.Up.all());
        assertThat(versions(p)).containsExactly("2", "10");
        assertThat(p.direction()).isEqualTo(Direction.UP);
        assertThat(p.isRunnable()).isTrue();
    }

    @Test
    void upHonoursStepAndTarget() {
        List<PreparedMigration> d = disk("1", "2", "3", "4");
        assertThat(versions(Planner.plan(d, history(), new PlanRequest.Up(2, null, false, false))))
                .containsExactly("1", "2");
        assertThat(versions(Planner.plan(d, history("1"), new PlanRequest.Up(0, Version.parse("3"), false, false))))
                .containsExactly("2", "3");
        assertThat(versions(Planner.plan(d, history(), new PlanRequest.Up(1, Version.parse("3"), false, false))))
                .containsExactly("1");
        Plan none = Planner.plan(d, history("1", "2", "3"), new PlanRequest.Up(0, Version.parse("2"), false, false));
        assertThat(none.steps()).isEmpty();
        assertThat(none.isRunnable()).isTrue();
    }

    @Test
    void upRefusesAnUnknownTarget() {
        Plan p = Planner.plan(disk("1", "2"), history(), new PlanRequest.Up(0, Version.parse("5"), false, false));
        assertThat(kinds(p)).containsExactly(Kind.UNKNOWN_TARGET);
    }

    @Test
    void upReportsEveryHistoryProblemAtOnce() {
        PreparedMigration edited = m("2", "CREATE TABLE t2 (id INTEGER, x TEXT)", null);
        AppliedMigration failed = applied(m("3")).withOutcome(false, 5, "stopped at statement 2");
        List<AppliedMigration> h = new ArrayList<>(history("1"));
        h.add(applied(m("2")));
        h.add(failed);
        h.add(applied(m("4")));
        Plan p = Planner.plan(List.of(m("1"), edited, m("3")), h, PlanRequest.Up.all());
        assertThat(kinds(p)).containsExactlyInAnyOrder(Kind.CHANGED, Kind.FAILED, Kind.MISSING_FILE);
        assertThat(p.problems()).anySatisfy(pr -> assertThat(pr.message()).contains("stopped at statement 2"));
    }

    @Test
    void ignoreMissingTurnsAMissingFileIntoAWarning() {
        Plan p = Planner.plan(disk("1", "3"), history("1", "2"), new PlanRequest.Up(0, null, false, true));
        assertThat(p.problems()).isEmpty();
        assertThat(p.warnings()).singleElement().asString().contains("no file");
        assertThat(versions(p)).containsExactly("3");
    }

    @Test
    void noMigrationFilesWhileHistoryHasRowsIsAProblemEvenWhenMissingFilesAreIgnored() {
        for (boolean ignoreMissing : new boolean[] {false, true}) {
            Plan p = Planner.plan(disk(), history("1", "2"), new PlanRequest.Up(0, null, false, ignoreMissing));
            assertThat(kinds(p)).containsExactly(Kind.NO_MIGRATIONS);
            assertThat(p.problems().get(0).message()).contains("history records 2 migration(s) (newest 2)");
        }
        assertThat(Planner.plan(disk(), history(), PlanRequest.Up.all()).problems()).isEmpty();
    }

    @Test
    void aMigrationNotWrittenYetIsNeverPlannedNorOutOfOrderNorPendingButChangedOnceApplied() {
        PreparedMigration draft = new PreparedMigration(Version.parse("2"), "m", "2_m.sql",
                new Section("2_m.sql", 2, "-- later", List.of(), Directives.NONE), null, Checksum.of("-- later"));
        List<PreparedMigration> d = List.of(m("1"), draft, m("3"));

        Plan p = Planner.plan(d, history("1", "3"), PlanRequest.Up.all());
        assertThat(p.problems()).isEmpty();
        assertThat(p.steps()).isEmpty();
        assertThat(Status.of(d, history("1", "3")).entries()).extracting(e -> e.version().text())
                .containsExactly("1", "3");

        Plan applied = Planner.plan(d, List.of(applied(m("1")), applied(m("2"))), PlanRequest.Up.all());
        assertThat(kinds(applied)).containsExactly(Kind.CHANGED);
    }

    @Test
    void outOfOrderPendingMigrationsAreRefusedUnlessAllowed() {
        List<PreparedMigration> d = disk("1", "2", "3");
        Plan refused = Planner.plan(d, history("1", "3"), PlanRequest.Up.all());
        assertThat(kinds(refused)).containsExactly(Kind.OUT_OF_ORDER);
        Plan allowed = Planner.plan(d, history("1", "3"), new PlanRequest.Up(0, null, true, false));
        assertThat(versions(allowed)).containsExactly("2");
        assertThat(allowed.warnings()).hasSize(1);
    }

    @Test
    void aBaselineHidesOlderFilesFromUpAndStopsDown() {
        AppliedMigration baseline = new AppliedMigration(Version.parse("2"), "baseline", "<< baseline >>", null,
                null, AppliedMigration.BASELINE, "2025-01-01T00:00:00Z", "t", 0, true, null);
        List<PreparedMigration> d = disk("1", "2", "3");
        Plan up = Planner.plan(d, List.of(baseline), PlanRequest.Up.all());
        assertThat(versions(up)).containsExactly("3");
        List<AppliedMigration> h = List.of(baseline, applied(m("3")));
        assertThat(versions(Planner.plan(d, h, new PlanRequest.Down(0, null, true)))).containsExactly("3");
        assertThat(kinds(Planner.plan(d, h, new PlanRequest.Down(2, null, false))))
                .containsExactly(Kind.BEYOND_HISTORY);
        Status s = Status.of(d, h);
        assertThat(s.entries()).extracting(StatusEntry::state)
                .containsExactly(State.BASELINE, State.BASELINE, State.APPLIED);
    }

    @Test
    void downRevertsNewestFirstByStepTargetOrAll() {
        List<PreparedMigration> d = disk("1", "2", "3");
        List<AppliedMigration> h = history("1", "2", "3");
        assertThat(versions(Planner.plan(d, h, PlanRequest.Down.one()))).containsExactly("3");
        assertThat(versions(Planner.plan(d, h, new PlanRequest.Down(2, null, false)))).containsExactly("3", "2");
        assertThat(versions(Planner.plan(d, h, new PlanRequest.Down(0, Version.parse("1"), false))))
                .containsExactly("3", "2");
        assertThat(versions(Planner.plan(d, h, new PlanRequest.Down(0, null, true)))).containsExactly("3", "2", "1");
        assertThat(Planner.plan(d, h, new PlanRequest.Down(0, Version.parse("3"), false)).steps()).isEmpty();
    }

    @Test
    void downWithNothingAppliedIsNothingToDoButAnExplicitStepBeyondHistoryIsRefused() {
        assertThat(Planner.plan(disk("1"), history(), PlanRequest.Down.one()).isRunnable()).isTrue();
        assertThat(kinds(Planner.plan(disk("1"), history("1"), new PlanRequest.Down(2, null, false))))
                .containsExactly(Kind.BEYOND_HISTORY);
        assertThat(kinds(Planner.plan(disk("1"), history("1"), new PlanRequest.Down(0, Version.parse("7"), false))))
                .containsExactly(Kind.UNKNOWN_TARGET);
    }

    @Test
    void downRefusesAMigrationWithoutDownSqlAndUsesRecordedSqlWhenTheFileChanged() {
        PreparedMigration noDown = m("2", "CREATE TABLE t2 (id INTEGER)", null);
        Plan refused = Planner.plan(List.of(m("1"), noDown), List.of(applied(m("1")), applied(noDown)),
                new PlanRequest.Down(2, null, false));
        assertThat(kinds(refused)).containsExactly(Kind.NO_DOWN);

        PreparedMigration original = m("3");
        PreparedMigration editedDown = m("3", original.up().sql(), "DROP TABLE IF EXISTS t3");
        Plan p = Planner.plan(List.of(editedDown), List.of(applied(original)), PlanRequest.Down.one());
        assertThat(p.steps()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("DROP TABLE t3");
            assertThat(s.section()).isNull();
        });
        assertThat(p.warnings()).singleElement().asString().contains("down section changed");

        Plan same = Planner.plan(List.of(original), List.of(applied(original)), PlanRequest.Down.one());
        assertThat(same.steps().get(0).section()).isNotNull();
        assertThat(same.warnings()).isEmpty();
    }

    @Test
    void statusGivesEachMigrationItsState() {
        PreparedMigration edited = m("2", "CREATE TABLE t2 (x INTEGER)", null);
        List<AppliedMigration> h = new ArrayList<>(history("1", "2", "4"));
        h.add(applied(m("6")).withOutcome(false, 0, "stopped"));
        Status s = Status.of(List.of(m("1"), edited, m("3"), m("5"), m("6")), h);
        assertThat(s.entries()).extracting(e -> e.version().text() + "=" + e.state().label())
                .containsExactly("1=applied", "2=changed", "3=out_of_order", "4=missing", "5=pending", "6=failed");
        assertThat(s.current()).isEqualTo(Version.parse("4"));
        assertThat(s.problems()).extracting(e -> e.version().text()).containsExactly("2", "4", "6");
    }
}
