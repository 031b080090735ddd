package dev.godwit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.migration.Version;
import org.junit.jupiter.api.Test;

class PlanRequestTest {
    @Test
    void namedFactoriesAndWithersReadAsTheRequest() {
        assertThat(PlanRequest.up()).isEqualTo(new PlanRequest.Up(0, null, false, false));
        assertThat(PlanRequest.up().to("3").allowingOutOfOrder())
                .isEqualTo(new PlanRequest.Up(0, Version.parse("3"), true, false));
        assertThat(PlanRequest.up().steps(2).ignoringMissing()).isEqualTo(new PlanRequest.Up(2, null, false, true));
        assertThat(PlanRequest.down()).isEqualTo(new PlanRequest.Down(0, null, false));
        assertThat(PlanRequest.down().steps(2)).isEqualTo(new PlanRequest.Down(2, null, false));
        assertThat(PlanRequest.down().to("1")).isEqualTo(new PlanRequest.Down(0, Version.parse("1"), false));
        assertThat(PlanRequest.Down.everything()).isEqualTo(new PlanRequest.Down(0, null, true));
    }
}
