package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A circuit breaker per org's main slot, on this worker. When main keeps failing (down, dead key,
 * out of credit, flapping), reviews of orgs that have a fallback go straight to it for a while
 * instead of spending a doomed call and its latency first; then one call probes main again.
 * Orgs without a fallback always call main: there is nothing better to do. Rate limits with a
 * retry hint are handled by the shared cooldown, not here.
 */
public final class MainBreakers {

    private static final Set<AttemptOutcome> FAILURES = EnumSet.of(AttemptOutcome.RATE_LIMITED,
            AttemptOutcome.SERVER_ERROR, AttemptOutcome.TIMEOUT, AttemptOutcome.NETWORK, AttemptOutcome.AUTH_FAILED,
            AttemptOutcome.PAYMENT_REQUIRED, AttemptOutcome.MODEL_NOT_FOUND);

    private final CircuitBreakerRegistry registry;

    public MainBreakers(int windowSize, int minimumCalls, float failureRatePercent, Duration openFor) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(windowSize)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** Whether main may be called now; false while the breaker is open. */
    public boolean allowsCall(String orgId) {
        return breaker(orgId).tryAcquirePermission();
    }

    /** Records how a call to main that was allowed ended. */
    public void record(String orgId, AttemptOutcome outcome, long latencyMs) {
        CircuitBreaker breaker = breaker(orgId);
        if (FAILURES.contains(outcome)) {
            breaker.onError(latencyMs, TimeUnit.MILLISECONDS, new MainFailed(outcome));
        } else {
            breaker.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
        }
    }

    public CircuitBreaker.State state(String orgId) {
        return breaker(orgId).getState();
    }

    private CircuitBreaker breaker(String orgId) {
        return registry.circuitBreaker(orgId);
    }

    /** What the breaker counts; flow control, so no stack trace. */
    private static final class MainFailed extends RuntimeException {
        MainFailed(AttemptOutcome outcome) {
            super(outcome.name(), null, false, false);
        }
    }
}
