package dev.byok.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.Slot;
import dev.byok.worker.review.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
    void aboveTheLimitEveryOrgsObservationsGoToOneHistogramButCountersKeepTheirOrg() {
        SimpleMeterRegistry registry = registry("auto", 500, new AtomicInteger(10_000));

        record(registry, "acme");
        record(registry, "globex");

        assertThat(registry.get("byok.worker.provider.latency").timers()).singleElement()
                .satisfies(timer -> {
                    assertThat(timer.getId().getTag("org")).isEqualTo(HistogramOrgTagFilter.ALL_ORGS);
                    assertThat(timer.count()).isEqualTo(2);
                });
        assertThat(registry.get("byok.worker.attempts").counters()).hasSize(2);
    }

    /**
     * A deployment grows past the limit while its workers run: from then on the histograms are one
     * for all orgs, the per-org ones already exported disappear from the scrape, and Prometheus never
     * sees one name with two tag sets. Falling back below the limit does not switch back.
     */
    @Test
    void passingTheLimitWhileRunningSwitchesToOneHistogramAndRemovesThePerOrgOnes() {
        AtomicInteger orgs = new AtomicInteger(10);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HistogramOrgTagFilter filter = new HistogramOrgTagFilter(new MetricsProperties("auto", 500), orgs::get);
        registry.config().meterFilter(filter);
        record(registry, "acme");
        assertThat(registry.scrape()).contains("byok_worker_provider_latency_seconds_count{org=\"acme\"");

        orgs.set(10_000);
        record(registry, "globex");
        assertThat(filter.dropPerOrgHistograms(registry)).as("acme's histogram removed").isEqualTo(1);
        record(registry, "acme");
        orgs.set(10);
        record(registry, "initech");

        String scrape = registry.scrape();
        assertThat(scrape).contains("byok_worker_provider_latency_seconds_count{org=\"_all\"")
                .doesNotContain("byok_worker_provider_latency_seconds_count{org=\"acme\"")
                .doesNotContain("byok_worker_provider_latency_seconds_count{org=\"initech\"")
                .contains("byok_worker_attempts_total{org=\"initech\"");
        assertThat(registry.get("byok.worker.provider.latency").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(3));
        assertThat(filter.dropPerOrgHistograms(registry)).as("done once").isZero();
    }

    @Test
    void theSwitchForcesEitherWay() {
        assertThat(new HistogramOrgTagFilter(new MetricsProperties("false", 500), () -> 1).perOrg()).isFalse();
        assertThat(new HistogramOrgTagFilter(new MetricsProperties("true", 500), () -> 1_000_000).perOrg()).isTrue();
        assertThatThrownBy(() -> new MetricsProperties("sometimes", 500))
                .hasMessageContaining("byok.metrics.histograms-per-org");
    }

    private static SimpleMeterRegistry registry(String setting, int limit, AtomicInteger orgs) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new HistogramOrgTagFilter(new MetricsProperties(setting, limit), orgs::get));
        return registry;
    }

    private static void record(io.micrometer.core.instrument.MeterRegistry registry, String org) {
        dev.byok.model.SlotSettings settings = new dev.byok.model.SlotSettings(dev.byok.model.ProviderId.values()[0],
                "some-model", null, null, null, null, null, null, null, null, null);
        new WorkerMetrics(registry).attempt(org, Slot.MAIN, settings, dev.byok.model.AttemptOutcome.SUCCESS, 120);
    }
}
