package dev.byok.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final PrometheusText SCRAPE = new PrometheusText("""
            # HELP byok_worker_attempts_total provider calls by outcome
            # TYPE byok_worker_attempts_total counter
            byok_worker_attempts_total{org="acme",outcome="SUCCESS",slot="main"} 12.0
            byok_worker_attempts_total{org="acme",outcome="TIMEOUT",slot="main"} 2.0
            byok_worker_attempts_total{org="acme-2",outcome="SUCCESS",slot="main"} 5.0
            byok_worker_attempts_total_created{org="acme",outcome="SUCCESS",slot="main"} 1.7E9
            byok_worker_partitions_paused 3.0
            """);

    @Test
    void sumsTheSeriesWhoseLabelsIncludeTheGivenOnes() {
        assertThat(SCRAPE.sum("byok_worker_attempts_total", Map.of("org", "acme"))).isEqualTo(14.0);
        assertThat(SCRAPE.sum("byok_worker_attempts_total", Map.of("org", "acme", "outcome", "TIMEOUT"))).isEqualTo(2.0);
        assertThat(SCRAPE.sum("byok_worker_attempts_total", Map.of())).isEqualTo(19.0);
    }

    @Test
    void readsMetricsWithoutLabelsAndSaysZeroForNone() {
        assertThat(SCRAPE.sum("byok_worker_partitions_paused", Map.of())).isEqualTo(3.0);
        assertThat(SCRAPE.sum("byok_worker_calls_repeated_total", Map.of("org", "acme"))).isZero();
    }
}
