package dev.godwit.plan;

import static dev.godwit.plan.PlannerTest.applied;
import static dev.godwit.plan.PlannerTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Checksum;
import dev.godwit.migration.Directives;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairPlanTest {
    @Test
    void nothingToRepairWhenHistoryMatchesTheFiles() {
        PreparedMigration one = m("1");
        assertThat(RepairPlan.of(List.of(one), List.of(applied(one))).isEmpty()).isTrue();
    }

    @Test
    void failedRowsAreRemovedWithTheirNoteShown() {
        PreparedMigration one = m("1");
        AppliedMigration failed = applied(one).withOutcome(false, 3, Interruption.running(Direction.UP, 2, 4, 7));
        RepairPlan plan = RepairPlan.of(List.of(one), List.of(failed));
        assertThat(plan.actions()).singleElement().isInstanceOf(RepairPlan.RemoveFailed.class);
        assertThat(plan.actions().get(0).describe()).startsWith("remove failed row 1 (1_m.sql): interrupted at "
                + "statement 2 of 4 (line 7)");
    }

    @Test
    void anEditedFileHasItsChecksumAndDownSectionReRecordedKeepingWhenAndWhoApplied() {
        PreparedMigration before = m("1", "CREATE TABLE a (id INTEGER)", "DROP TABLE a");
        PreparedMigration edited = m("1", "CREATE TABLE a (id INTEGER, b TEXT)", "DROP TABLE IF EXISTS a");
        AppliedMigration row = applied(before);
        RepairPlan plan = RepairPlan.of(List.of(edited), List.of(row));
        RepairPlan.Rerecord r = (RepairPlan.Rerecord) plan.actions().get(0);
        assertThat(r.changes()).hasSize(2);
        assertThat(r.changes().get(0)).startsWith("checksum ");
        assertThat(r.changes().get(1)).isEqualTo("down section re-recorded");
        assertThat(r.after().checksum()).isEqualTo(edited.checksum());
        assertThat(r.after().downSql()).isEqualTo("DROP TABLE IF EXISTS a");
        assertThat(r.after().appliedAt()).isEqualTo(row.appliedAt());
        assertThat(r.after().appliedBy()).isEqualTo(row.appliedBy());
    }

    @Test
    void aRowWithAnOldChecksumThatStillMatchesIsLeftAsItIs() {
        PreparedMigration one = m("1");
        AppliedMigration old = withChecksum(applied(one), Checksum.legacyOf(one.up().sql()));
        assertThat(RepairPlan.of(List.of(one), List.of(old)).isEmpty()).isTrue();
    }

    @Test
    void aMoveToTheOtherFileFormatReRecordsTheFileAndANewChecksumButIsNoEdit() {
        PreparedMigration single = m("1", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
        AppliedMigration old = withChecksum(applied(single), Checksum.legacyOf("CREATE TABLE a (id INTEGER);"));
        Section up = new Section("1_m.up.sql", 1, "CREATE TABLE a (id INTEGER);\n",
                List.of(new Statement("CREATE TABLE a (id INTEGER);", 1)), Directives.NONE);
        Section down = new Section("1_m.down.sql", 1, "DROP TABLE a;\n", List.of(new Statement("DROP TABLE a;", 1)),
                Directives.NONE);
        PreparedMigration pair = new PreparedMigration(single.version(), "m", "1_m.up.sql", up, down,
                Checksum.of(up.sql()));

        RepairPlan plan = RepairPlan.of(List.of(pair), List.of(old));

        RepairPlan.Rerecord r = (RepairPlan.Rerecord) plan.actions().get(0);
        assertThat(r.changes()).containsExactly("file 1_m.sql -> 1_m.up.sql (file format changed, same up SQL)");
        assertThat(r.after().checksum()).isEqualTo(pair.checksum()).startsWith(Checksum.PREFIX);
        assertThat(Status.of(List.of(pair), List.of(old)).entries().get(0).state()).isEqualTo(State.APPLIED);
        assertThat(Planner.plan(List.of(pair), List.of(old), PlanRequest.Up.all()).warnings()).singleElement()
                .asString().contains("applied as 1_m.sql; now 1_m.up.sql: the file format changed");
    }

    private static AppliedMigration withChecksum(AppliedMigration a, String checksum) {
        return new AppliedMigration(a.version(), a.description(), a.script(), checksum, a.downSql(), a.kind(),
                a.appliedAt(), a.appliedBy(), a.executionMs(), a.success(), a.note());
    }

    @Test
    void aDownSectionDroppedFromTheFileIsReRecordedAsNone() {
        PreparedMigration before = m("1", "CREATE TABLE a (id INTEGER)", "DROP TABLE a");
        PreparedMigration edited = m("1", "CREATE TABLE a (id INTEGER)", null);
        RepairPlan plan = RepairPlan.of(List.of(edited), List.of(applied(before)));
        assertThat(plan.actions().get(0).describe()).endsWith("down section dropped (the file has none now)");
    }

    @Test
    void rowsWhoseFileIsGoneAreLeftAloneAndNoted() {
        RepairPlan plan = RepairPlan.of(List.of(), List.of(applied(m("1"))));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.notes()).singleElement().asString().contains("the file is gone");
    }

    @Test
    void interruptedNotesReadAsInterruptionsAndOtherNotesStayAsTheyAre() {
        assertThat(Interruption.describe(Interruption.running(Direction.DOWN, 1, 2, 9)))
                .startsWith("interrupted at down statement 1 of 2 (line 9): the runner stopped");
        assertThat(Interruption.describe("stopped at statement 1 of 1 (line 3): boom"))
                .isEqualTo("stopped at statement 1 of 1 (line 3): boom");
        assertThat(Interruption.describe(null)).isNull();
    }
}
