package dev.godwit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Laws of the planner over random folders and histories. */
class PlannerProperties {
    private static List<PreparedMigration> disk(Set<Integer> versions) {
        return versions.stream().sorted().map(v -> PlannerTest.m(String.valueOf(v))).toList();
    }

    /** History holding the first {@code applied} migrations of the folder. */
    private static List<AppliedMigration> history(List<PreparedMigration> disk, int applied) {
        return disk.subList(0, Math.min(applied, disk.size())).stream().map(PlannerTest::applied).toList();
    }

    private static List<AppliedMigration> after(List<AppliedMigration> history, Plan plan) {
        List<AppliedMigration> out = new ArrayList<>(history);
        for (Step s : plan.steps()) {
            if (s.direction() == Direction.UP) {
                out.add(PlannerTest.applied(s.migration()));
            } else {
                out.removeIf(a -> a.version().equals(s.version()));
            }
        }
        return out;
    }

    @Property
    void upPlansExactlyThePendingMigrationsInAscendingOrder(
            @ForAll @Size(max = 30) @UniqueElements Set<@IntRange(min = 1, max = 500) Integer> versions,
            @ForAll @IntRange(min = 0, max = 30) int applied) {
        List<PreparedMigration> d = disk(versions);
        List<AppliedMigration> h = history(d, applied);
        Plan p = Planner.plan(d, h, PlanRequest.Up.all());

        assertThat(p.problems()).isEmpty();
        List<Version> planned = p.steps().stream().map(Step::version).toList();
        assertThat(planned).isSortedAccordingTo(Comparator.naturalOrder());
        Set<Version> expected = new TreeSet<>();
        d.forEach(m -> expected.add(m.version()));
        h.forEach(a -> expected.remove(a.version()));
        assertThat(planned).containsExactlyElementsOf(expected);
        assertThat(Planner.plan(d, after(h, p), PlanRequest.Up.all()).steps()).isEmpty();
    }

    @Property
    void stepsOfUpAddUpToAllAndDownAllUndoesEverything(
            @ForAll @Size(max = 30) @UniqueElements Set<@IntRange(min = 1, max = 500) Integer> versions,
            @ForAll @IntRange(min = 1, max = 7) int step) {
        List<PreparedMigration> d = disk(versions);
        List<AppliedMigration> h = List.of();
        int rounds = 0;
        while (true) {
            Plan p = Planner.plan(d, h, new PlanRequest.Up(step, null, false, false));
            assertThat(p.steps().size()).isLessThanOrEqualTo(step);
            if (p.steps().isEmpty()) {
                break;
            }
            h = after(h, p);
            rounds++;
        }
        assertThat(h).hasSize(d.size());
        assertThat(rounds).isEqualTo((d.size() + step - 1) / step);

        Plan down = Planner.plan(d, h, new PlanRequest.Down(0, null, true));
        assertThat(down.problems()).isEmpty();
        assertThat(down.steps().stream().map(Step::version).toList())
                .isSortedAccordingTo(Comparator.<Version>naturalOrder().reversed()).hasSize(d.size());
        assertThat(after(h, down)).isEmpty();
    }

    @Property
    void downToAVersionKeepsItAndEverythingOlderApplied(
            @ForAll @Size(min = 1, max = 30) @UniqueElements Set<@IntRange(min = 1, max = 500) Integer> versions,
            @ForAll @IntRange(min = 0, max = 29) int index) {
        List<PreparedMigration> d = disk(versions);
        List<AppliedMigration> h = history(d, d.size());
        Version target = d.get(index % d.size()).version();

        Plan p = Planner.plan(d, h, new PlanRequest.Down(0, target, false));

        assertThat(p.problems()).isEmpty();
        assertThat(after(h, p)).extracting(AppliedMigration::version)
                .allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(target))
                .contains(target);
    }
}
