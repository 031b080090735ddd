package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppliedMigrationTest {
    private static AppliedMigration row(String kind, String at) {
        return new AppliedMigration(Version.parse("1"), "m", "1_m.sql", null, null, kind, at, "me", 0, true, null);
    }

    @Test
    void readsTheStoredKindAndTimeAsValues() {
        AppliedMigration row = row(AppliedMigration.BASELINE, "2025-01-01T12:00:00Z");

        assertThat(row.kindValue()).contains(AppliedMigration.Kind.BASELINE);
        assertThat(row.appliedInstant()).contains(Instant.parse("2025-01-01T12:00:00Z"));
    }

    @Test
    void aKindOrTimeItCannotReadIsEmptyRatherThanAnError() {
        AppliedMigration row = row("python", "yesterday");

        assertThat(row.kindValue()).isEmpty();
        assertThat(row.appliedInstant()).isEmpty();
    }
}
