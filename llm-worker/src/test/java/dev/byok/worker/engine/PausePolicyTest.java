package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PausePolicyTest {

    private final PausePolicy policy = new PausePolicy(10, 1000);

    @Test
    void aLanePausesAtItsThresholdOfReviewsOrBytes() {
        assertThat(policy.paused(false, 9, 999)).isFalse();
        assertThat(policy.paused(false, 10, 0)).isTrue();
        assertThat(policy.paused(false, 1, 1000)).isTrue();
    }

    @Test
    void aPausedLaneResumesOnlyOnceDrainedToHalfOfBoth() {
        assertThat(policy.paused(true, 6, 0)).as("above half the reviews").isTrue();
        assertThat(policy.paused(true, 5, 501)).as("above half the bytes").isTrue();
        assertThat(policy.paused(true, 5, 500)).isFalse();
    }

    @Test
    void aPartitionOfAPausedLaneStopsFetchingOnceItHoldsItsShareOfTheThreshold() {
        // 10 reviews over 4 partitions: a share of 3 each (rounded up), so every partition gets turns.
        assertThat(policy.partitionPaused(2, 4, 0)).isFalse();
        assertThat(policy.partitionPaused(3, 4, 0)).isTrue();
        assertThat(policy.partitionPaused(0, 4, 0)).as("a partition with nothing queued fetches").isFalse();
        assertThat(policy.partitionPaused(9, 1, 0)).as("a lane's only partition: the whole threshold").isFalse();
        assertThat(policy.partitionPaused(1, 20, 0)).as("more partitions than the threshold: at least one each")
                .isTrue();
    }

    @Test
    void overItsBytesALaneStopsFetchingFromEveryPartition() {
        assertThat(policy.partitionPaused(0, 4, 1000)).isTrue();
        assertThat(policy.overBytes(999)).isFalse();
        assertThat(policy.overBytes(1000)).isTrue();
    }
}
