package dev.byok.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesUseTheNearestRank() {
        List<Integer> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add(i);
        }
        Samples samples = Samples.of(values);
        assertThat(samples.percentile(50)).isEqualTo(50);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.percentile(100)).isEqualTo(100);
        assertThat(samples.percentile(0.1)).isEqualTo(1);
        assertThat(samples.min()).isEqualTo(1);
        assertThat(samples.max()).isEqualTo(100);
        assertThat(samples.mean()).isEqualTo(50.5);
    }

    @Test
    void withFewSamplesP99IsTheLargest() {
        Samples samples = Samples.of(3.0, 1.0, 2.0);
        assertThat(samples.percentile(99)).isEqualTo(3.0);
        assertThat(samples.percentile(50)).isEqualTo(2.0);
    }

    @Test
    void noSamplesGiveNaN() {
        assertThat(Samples.of(List.of()).percentile(50)).isNaN();
        assertThat(Samples.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void percentilesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> Samples.of(1.0).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.of(1.0).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMedianOfRunsIgnoresRunsThatMeasuredNothing() {
        assertThat(Samples.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Samples.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Samples.median(List.of(5.0, Double.NaN, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Samples.median(List.of())).isNaN();
    }
}
