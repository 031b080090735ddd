package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static final List<String> TENANTS = IntStream.range(0, 10_000).mapToObj(i -> "tenants/t" + i + ".db").toList();

    @Test
    void everyDatabaseBelongsToExactlyOneShardAndTheSlicesAreEven() {
        for (int n : new int[] {1, 2, 3, 7}) {
            int[] sizes = new int[n + 1];
            for (String t : TENANTS) {
                int owners = 0;
                for (int i = 1; i <= n; i++) {
                    if (new Shard(i, n).owns(t)) {
                        owners++;
                        sizes[i]++;
                    }
                }
                assertThat(owners).as(t + " of " + n).isEqualTo(1);
            }
            for (int i = 1; i <= n; i++) {
                assertThat(sizes[i]).as("shard " + i + "/" + n).isBetween(TENANTS.size() / n * 9 / 10,
                        TENANTS.size() / n * 11 / 10);
            }
        }
    }

    @Test
    void addingAMachineMovesOnlyTheDatabasesTheNewShardTakesAndAddingTenantsMovesNone() {
        long moved = TENANTS.stream().filter(t -> Shard.owner(t, 4) != Shard.owner(t, 5)).count();
        assertThat(TENANTS.stream().filter(t -> Shard.owner(t, 4) != Shard.owner(t, 5))
                .allMatch(t -> Shard.owner(t, 5) == 5)).isTrue();
        assertThat(moved).isBetween(TENANTS.size() / 5 * 9 / 10L, TENANTS.size() / 5 * 11 / 10L);
        assertThat(Shard.owner("tenants/t1.db", 4)).isEqualTo(Shard.owner("tenants/t1.db", 4));
    }

    @Test
    void autoReadsTheIndexedJobsZeroBasedIndexAndTheCountGivenToIt() {
        assertThat(Shard.parse("auto", Map.of("JOB_COMPLETION_INDEX", "0", "GODWIT_SHARD_COUNT", "4")))
                .isEqualTo(new Shard(1, 4));
        assertThat(Shard.parse("3/4", Map.of())).isEqualTo(new Shard(3, 4));
        assertThatThrownBy(() -> Shard.parse("auto", Map.of("JOB_COMPLETION_INDEX", "0")))
                .hasMessageContaining("GODWIT_SHARD_COUNT is not set");
        assertThatThrownBy(() -> Shard.parse("0/4", Map.of())).hasMessageContaining("between 1 and N");
        assertThatThrownBy(() -> Shard.parse("half", Map.of())).hasMessageContaining("expected I/N or auto");
    }
}
