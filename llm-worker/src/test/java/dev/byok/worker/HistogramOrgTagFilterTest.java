package dev.byok.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.Slot;
import dev.byok.worker.review.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HistogramOrgTagFilterTest {

    @Test
    void aFewOrgsKeepTheirOwnLatencyHistograms() {
        SimpleMeterRegistry registry = registry("auto", 500, new AtomicInteger(3));

        record(registry, "acme");
        record(registry, "globex");

        assertThat(registry.get("byok.worker.provider.latency").timers()).hasSize(2)
                .allSatisfy(timer -> assertThat(timer.getId().getTag("org")).isNotNull());
    }

    @Test
    void aboveTheLimitTheHistogramsHaveNoOrgTagButCountersKeepIt() {
        SimpleMeterRegistry registry = registry("auto", 500, new AtomicInteger(10_000));

        record(registry, "acme");
        record(registry, "globex");

        assertThat(registry.get("byok.worker.provider.latency").timers()).singleElement()
                .satisfies(timer -> {
                    assertThat(timer.getId().getTag("org")).isNull();
                    assertThat(timer.count()).isEqualTo(2);
                });
        assertThat(registry.get("byok.worker.attempts").counters()).hasSize(2);
    }

    /** Prometheus needs one tag set per name: orgs added later do not switch the tag on or off. */
    @Test
    void theChoiceIsMadeOnceAndKept() {
        AtomicInteger orgs = new AtomicInteger(10);
        SimpleMeterRegistry registry = registry("auto", 500, orgs);
        record(registry, "acme");

        orgs.set(10_000);
        record(registry, "globex");

        assertThat(registry.get("byok.worker.provider.latency").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTag("org")).isNotNull());
    }

    @Test
    void theSwitchForcesEitherWay() {
        assertThat(HistogramOrgTagFilter.decide("false", 500, 1)).isFalse();
        assertThat(HistogramOrgTagFilter.decide("true", 500, 1_000_000)).isTrue();
        assertThatThrownBy(() -> new MetricsProperties("sometimes", 500))
                .hasMessageContaining("byok.metrics.histograms-per-org");
    }

    private static SimpleMeterRegistry registry(String setting, int limit, AtomicInteger orgs) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new HistogramOrgTagFilter(new MetricsProperties(setting, limit), orgs::get));
        return registry;
    }

    private static void record(SimpleMeterRegistry registry, String org) {
        dev.byok.model.SlotSettings settings = new dev.byok.model.SlotSettings(dev.byok.model.ProviderId.values()[0],
                "some-model", null, null, null, null, null, null, null, null, null);
        new WorkerMetrics(registry).attempt(org, Slot.MAIN, settings, dev.byok.model.AttemptOutcome.SUCCESS, 120);
    }
}
