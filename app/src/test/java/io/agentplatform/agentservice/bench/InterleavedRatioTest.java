package io.agentplatform.agentservice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InterleavedRatioTest {

    @Test
    void theRatioIsThatOfTheMeanRatesAndTheSpreadThatOfTheSlicePairs() {
        InterleavedRatio ratio = new InterleavedRatio();
        ratio.add(6000, 30000); // 0.2
        ratio.add(9000, 20000); // 0.45
        assertThat(ratio.meanPost()).isEqualTo(7500);
        assertThat(ratio.meanPgbench()).isEqualTo(25000);
        assertThat(ratio.ratio()).isCloseTo(0.3, within(1e-12)); // not the mean of the slice ratios (0.325)
        assertThat(ratio.lowestSliceRatio()).isCloseTo(0.2, within(1e-12));
        assertThat(ratio.highestSliceRatio()).isCloseTo(0.45, within(1e-12));
        assertThat(ratio.describe("this tree", 10)).isEqualTo("POST /v1/tasks (new prompt) / pgbench INSERT rate, this tree,"
                + " interleaved (2 pairs of 10 s slices, service then pgbench): 7500 / 25000 = 0.300 (slice pairs 0.200 to 0.450)");
    }

    @Test
    void aSliceWithoutPgbenchTransactionsIsRefused() {
        InterleavedRatio ratio = new InterleavedRatio();
        assertThatThrownBy(() -> ratio.add(7000, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pgbench rate > 0");
        assertThatThrownBy(ratio::ratio).isInstanceOf(RuntimeException.class);
    }
}
