package dev.byok.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void theVerdictJudgesTheMedianOfTheRuns() {
        Metric latency = new Metric("p99", Metric.Unit.MS, Metric.Target.atMost(50, "<= 50 ms"));
        latency.add(40).add(70).add(45);
        assertThat(latency.median()).isEqualTo(45);
        assertThat(latency.verdict()).isEqualTo("met");
        latency.add(80).add(90);
        assertThat(latency.verdict()).isEqualTo("MISSED");
    }

    @Test
    void aProblemMissesTheTargetWhateverTheMedian() {
        Metric efficiency = new Metric("efficiency", Metric.Unit.RATIO, Metric.Target.atLeast(0.95, ">= 0.95"));
        efficiency.add(0.99).problem("2 cap violations seen by the simulator");
        assertThat(efficiency.verdict()).isEqualTo("MISSED (2 cap violations seen by the simulator)");
    }

    @Test
    void linesWithoutATargetHaveNoVerdict() {
        Metric context = new Metric("p50", Metric.Unit.MS, Metric.Target.NONE).add(3);
        assertThat(context.verdict()).isEmpty();
        assertThat(new Metric("x", Metric.Unit.MS, Metric.Target.atMost(1, "")).verdict()).isEqualTo("not run");
    }

    @Test
    void valuesAreFormattedByUnit() {
        assertThat(Metric.Unit.RATIO.format(0.98765)).isEqualTo("0.988");
        assertThat(Metric.Unit.MS.format(12.345)).isEqualTo("12.3 ms");
        assertThat(Metric.Unit.PER_SECOND.format(21234.4)).isEqualTo("21,234/s");
        assertThat(Metric.Unit.SECONDS.format(20.04)).isEqualTo("20.0 s");
        assertThat(Metric.Unit.MS.format(Double.NaN)).isEqualTo("n/a");
    }
}
