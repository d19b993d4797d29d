package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.ErrorCode;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker's memory follows the active orgs: an org idle past the expiry loses its series and its
 * breaker, one with a call running keeps them, and one that comes back is measured again.
 */
class IdleOrgForgettingTest {

    private static final Duration EXPIRY = Duration.ofHours(1);
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WorkerMetrics metrics = new WorkerMetrics(registry, clock);
    private final MainBreakers breakers = new MainBreakers(4, 2, 50, Duration.ofSeconds(30), clock);
    private final IdleOrgForgetting forgetting = new IdleOrgForgetting(metrics, breakers, EXPIRY);

    IdleOrgForgettingTest() {
        breakers.bindTo(registry);
    }

    @Test
    void anOrgIdlePastTheExpiryLosesItsSeriesAndBreakerWhileAnActiveOneKeepsThem() {
        served("idle-org");
        clock.advance(Duration.ofMinutes(50));
        served("busy-org");
        clock.advance(Duration.ofMinutes(11));
        assertThat(scrape()).contains("org=\"idle-org\"", "org=\"busy-org\"");

        assertThat(forgetting.forgetIdle()).isEqualTo(1);

        assertThat(scrape()).doesNotContain("org=\"idle-org\"").contains("org=\"busy-org\"");
        assertThat(breakerSeries("busy-org")).isOne();
    }

    @Test
    void anOrgWithACallRunningIsNeverForgotten() {
        metrics.callStarted("slow-org", Slot.MAIN, 2);
        clock.advance(EXPIRY.plusMinutes(5));

        assertThat(forgetting.forgetIdle()).isZero();
        assertThat(scrape()).contains("byok_worker_calls_in_flight{org=\"slow-org\",slot=\"main\"} 1.0");
    }

    @Test
    void anOrgThatComesBackIsMeasuredAgainFromZero() {
        served("returning-org");
        clock.advance(EXPIRY.plusMinutes(1));
        forgetting.forgetIdle();

        served("returning-org");

        assertThat(scrape()).contains("byok_worker_outcomes_total{error=\"NON_RETRYABLE\",org=\"returning-org\"")
                .contains("byok_worker_calls_in_flight{org=\"returning-org\",slot=\"main\"} 0.0");
        assertThat(breakerSeries("returning-org")).as("a new breaker, and its gauge").isOne();
    }

    /** A call on main that ends, its breaker used, and a FAILED outcome. */
    private void served(String orgId) {
        Runnable ended = metrics.callStarted(orgId, Slot.MAIN, 2);
        breakers.unconditionalCall(orgId);
        ended.run();
        metrics.outcome(ReviewOutcome.failed(orgId + "-r", orgId, ErrorCode.NON_RETRYABLE, "it failed", List.of(), null,
                clock.instant()));
    }

    private String scrape() {
        return registry.scrape();
    }

    private long breakerSeries(String orgId) {
        return scrape().lines().filter(l -> l.startsWith("byok_worker_breaker_state{org=\"" + orgId + "\"")).count();
    }
}
