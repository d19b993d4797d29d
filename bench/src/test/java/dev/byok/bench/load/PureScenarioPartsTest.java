package dev.byok.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PureScenarioPartsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void handOffGapsMeasureFromTheEarliestEndToTheStartItAllowed() {
        // cap 2, calls of 100 ms: two start at once, the third 5 ms after the first end, the fourth 20 ms after the second
        List<Instant> starts = List.of(T0, T0.plusMillis(1), T0.plusMillis(105), T0.plusMillis(121));
        List<Double> gaps = PermitEfficiency.handoffGaps(starts, Duration.ofMillis(100), 2);
        assertThat(gaps).containsExactly(5.0, 20.0);
    }

    @Test
    void probeIdsLandOnTheirPartitionLikeKafkasDefaultPartitioner() {
        List<List<String>> ids = ConfigPropagation.probeIds("org", 4, 50);
        assertThat(ids).hasSize(4).allSatisfy(list -> assertThat(list).hasSize(50));
        for (int p = 0; p < 4; p++) {
            int partition = p;
            assertThat(ids.get(p)).allSatisfy(id -> assertThat(ConfigPropagation.partitionFor(id, 4)).isEqualTo(partition));
        }
    }

    @Test
    void aCapturedRequestBodyNamesItsReview() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"review org-1-42\\ndiff --git\"}]}";
        assertThat(Reviews.reviewIdIn(body)).isEqualTo("org-1-42");
        assertThat(Reviews.reviewIdIn("{}")).isNull();
    }

    @Test
    void diffsHaveTheAskedSizeAndVary() {
        String a = Reviews.diff(4096, new SplittableRandom(1));
        String b = Reviews.diff(4096, new SplittableRandom(2));
        assertThat(a.length()).isBetween(4096, 4096 + 200);
        assertThat(a).startsWith("diff --git ").isNotEqualTo(b);
    }

    @Test
    void machineTicksCountIdleAndIoWaitAsIdle() {
        CpuMeter.MachineTicks ticks = CpuMeter.MachineTicks.parse("cpu  100 5 50 800 20 3 2 1 0 0");
        assertThat(ticks.total()).isEqualTo(981);
        assertThat(ticks.idle()).isEqualTo(820);
    }
}
