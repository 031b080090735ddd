package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetTest {
    @Test
    void theProgressLineSaysDoneFailedRemainingRateAndEta() {
        long tenSecondsAgo = System.nanoTime() - 10_000_000_000L;

        String line = Fleet.progress(400, 3, 2000, tenSecondsAgo);

        assertThat(line).matches("fleet: 400/2000 done, 3 failed, 1600 remaining, (39\\.\\d|40\\.0) db/s, ETA 40 s");
    }

    @Test
    void beforeAnythingIsDoneTheEtaIsUnknown() {
        assertThat(Fleet.progress(0, 0, 10, System.nanoTime())).endsWith("0.0 db/s, ETA ?");
    }
}
