package dev.godwit.plan;

import static dev.godwit.plan.PlannerTest.applied;
import static dev.godwit.plan.PlannerTest.m;
import static dev.godwit.plan.PlannerTest.versions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.migration.Version;
import dev.godwit.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeatable migrations (Flyway's {@code R__}) and a format-defined version order (Diesel's) in plans and status. */
class RepeatableAndOrderPlanTest {
    static PreparedMigration repeatable(String description, String sql) {
        String file = "R__" + description.replace(' ', '_') + ".sql";
        Section u = new Section(file, 1, sql, List.of(new Statement(sql, 1)), Directives.NONE);
        return new PreparedMigration(Version.repeatable(description), description, file, u, null, Checksum.of(sql));
    }

    static AppliedMigration appliedRepeatable(PreparedMigration m) {
        return new AppliedMigration(m.version(), m.description(), m.script(), m.checksum(), null,
                AppliedMigration.REPEATABLE, "2025-01-01T00:00:00Z", "t", 1, true, null);
    }

    static PreparedMigration diesel(String digits) {
        String file = digits + "_m/up.sql";
        String sql = "CREATE TABLE t" + digits + " (id INTEGER)";
        Section u = new Section(file, 1, sql, List.of(new Statement(sql, 1)), Directives.NONE);
        Section d = new Section(digits + "_m/down.sql", 1, "DROP TABLE t" + digits,
                List.of(new Statement("DROP TABLE t" + digits, 1)), Directives.NONE);
        return new PreparedMigration(Version.orderedAsText(digits), "m", file, u, d, Checksum.of(sql));
    }

    @Test
    void newRepeatablesRunAfterEveryPendingVersionInOrderOfDescription() {
        List<PreparedMigration> disk = List.of(repeatable("views", "CREATE VIEW v AS SELECT 1"),
                repeatable("functions", "CREATE FUNCTION f"), m("2"), m("1"));

        Plan p = Planner.plan(disk, List.of(applied(m("1"))), PlanRequest.Up.all());

        assertThat(versions(p)).containsExactly("2", "R__functions", "R__views");
        assertThat(p.steps()).noneMatch(Step::reapplies);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void anUnchangedRepeatableIsNotRunAgainAndAChangedOneIsReappliedReplacingItsRow() {
        PreparedMigration views = repeatable("views", "CREATE VIEW v AS SELECT 1");
        PreparedMigration functions = repeatable("functions", "CREATE FUNCTION f");
        List<AppliedMigration> history = List.of(applied(m("1")), appliedRepeatable(views),
                appliedRepeatable(functions));
        PreparedMigration viewsEdited = repeatable("views", "CREATE VIEW v AS SELECT 2");

        assertThat(versions(Planner.plan(List.of(m("1"), views, functions), history, PlanRequest.Up.all())))
                .isEmpty();
        Plan p = Planner.plan(List.of(m("1"), viewsEdited, functions), history, PlanRequest.Up.all());

        assertThat(p.problems()).isEmpty(); // an edited repeatable is pending, not an edit of applied history
        assertThat(p.steps()).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo(Version.parse("R__views"));
            assertThat(s.replaces()).isEqualTo(history.get(1));
        });
        Status status = Status.of(List.of(m("1"), viewsEdited, functions), history);
        assertThat(status.entries()).extracting(e -> e.version().text() + " " + e.state().label())
                .containsExactly("1 applied", "R__functions applied", "R__views outdated");
        assertThat(status.problems()).isEmpty();
        assertThat(status.toApply()).isEqualTo(1);
        assertThat(status.current()).isEqualTo(Version.parse("1"));
    }

    @Test
    void downNeverRevertsARepeatableAndATargetCannotBeOne() {
        PreparedMigration views = repeatable("views", "CREATE VIEW v AS SELECT 1");
        List<AppliedMigration> history = List.of(applied(m("1")), applied(m("2")), appliedRepeatable(views));
        List<PreparedMigration> disk = List.of(m("1"), m("2"), views);

        assertThat(versions(Planner.plan(disk, history, PlanRequest.Down.everything()))).containsExactly("2", "1");
        assertThat(versions(Planner.plan(disk, history, new PlanRequest.Down(1, null, false))))
                .containsExactly("2");
        assertThat(Planner.plan(disk, history, new PlanRequest.Up(0, Version.parse("R__views"), false, false))
                .problems()).extracting(Problem::kind).containsExactly(Problem.Kind.UNKNOWN_TARGET);
    }

    @Test
    void repairLeavesAChangedRepeatableToBeAppliedAgain() {
        PreparedMigration views = repeatable("views", "CREATE VIEW v AS SELECT 1");
        PreparedMigration edited = repeatable("views", "CREATE VIEW v AS SELECT 2");

        assertThat(RepairPlan.of(List.of(edited), List.of(appliedRepeatable(views))).isEmpty()).isTrue();
    }

    @Test
    void aRepeatableWhoseFileIsGoneIsMissingAsAnyAppliedMigration() {
        PreparedMigration views = repeatable("views", "CREATE VIEW v AS SELECT 1");
        Plan p = Planner.plan(List.of(m("1")), List.of(applied(m("1")), appliedRepeatable(views)),
                PlanRequest.Up.all());

        assertThat(p.problems()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING_FILE);
    }

    @Test
    void aFormatThatOrdersVersionsAsTextRunsUpStatusAndDownInThatOrder() {
        // as strings: 20240101120000 < 20240313 < 202501010000000000 < 9; numerically 9 would come first
        List<PreparedMigration> disk = new ArrayList<>(List.of(diesel("9"), diesel("20240313"),
                diesel("202501010000000000"), diesel("20240101120000")));
        Plan all = Planner.plan(disk, List.of(), PlanRequest.Up.all());
        assertThat(versions(all)).containsExactly("20240101120000", "20240313", "202501010000000000", "9");

        // history rows are read as plain versions, and follow the files' order
        List<AppliedMigration> history = new ArrayList<>();
        for (String v : List.of("20240101120000", "20240313")) {
            PreparedMigration d = disk.stream().filter(x -> x.version().text().equals(v)).findFirst().orElseThrow();
            history.add(new AppliedMigration(Version.parse(v), "m", d.script(), d.checksum(), d.down().sql(),
                    AppliedMigration.SQL, "2025-01-01T00:00:00Z", "t", 1, true, null));
        }
        Plan rest = Planner.plan(disk, history, PlanRequest.Up.all());
        assertThat(rest.problems()).isEmpty(); // 9 is not "older than the newest applied" in Diesel's order
        assertThat(versions(rest)).containsExactly("202501010000000000", "9");
        assertThat(versions(Planner.plan(disk, history, PlanRequest.Down.everything())))
                .containsExactly("20240313", "20240101120000");
        Status status = Status.of(disk, history);
        assertThat(status.entries()).extracting(e -> e.version().text())
                .containsExactly("20240101120000", "20240313", "202501010000000000", "9");
        assertThat(status.current()).isEqualTo(Version.parse("20240313"));
    }
}
