package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.Slot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit breaker per org's main slot, on this worker. When main keeps failing (down, dead key,
 * out of credit, flapping), reviews of orgs that have a fallback go straight to it for a while
 * instead of spending a doomed call and its latency first; then one call probes main again.
 * Orgs without a fallback always call main: there is nothing better to do, but their calls still
 * count. Rate limits with a retry hint are handled by the shared cooldown, not here.
 *
 * <p>Every permission to call is ended exactly once, by the call's result or, when no call
 * followed (the key could not be opened, the call threw), by handing it back: a half-open breaker
 * lets one probe through, and a probe that is never ended would keep it half-open for good.
 */
public final class MainBreakers implements MeterBinder {


    private final CircuitBreakerRegistry registry;

    public MainBreakers(int windowSize, int minimumCalls, float failureRatePercent, Duration openFor, Clock clock) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(windowSize)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRatePercent)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    /** Asks to call main of an org that has a fallback: empty while the breaker is open (or its one probe is out). */
    public Optional<MainCall> tryCall(String orgId) {
        CircuitBreaker breaker = breaker(orgId);
        return breaker.tryAcquirePermission() ? Optional.of(new MainCall(breaker, true)) : Optional.empty();
    }

    /** A call to main of an org without a fallback: made whatever the breaker says, and counted. */
    public MainCall unconditionalCall(String orgId) {
        return new MainCall(breaker(orgId), false);
    }

    /**
     * Each org's breaker as a gauge, {@code byok_worker_breaker_state{org, slot="main"}}: 0 closed,
     * 1 half-open, 2 open. Registered when the breaker is first used on this worker.
     */
    @Override
    public void bindTo(MeterRegistry meters) {
        registry.getAllCircuitBreakers().forEach(breaker -> gauge(meters, breaker));
        registry.getEventPublisher().onEntryAdded(added -> gauge(meters, added.getAddedEntry()));
    }

    private static void gauge(MeterRegistry meters, CircuitBreaker breaker) {
        Gauge.builder("byok.worker.breaker.state", breaker, b -> switch (b.getState()) {
                    case CLOSED, DISABLED, METRICS_ONLY -> 0;
                    case HALF_OPEN -> 1;
                    case OPEN, FORCED_OPEN -> 2;
                }).description("this worker's breaker of the org's main slot: 0 closed, 1 half-open, 2 open")
                .tag("org", breaker.getName()).tag("slot", Slot.MAIN.wire()).register(meters);
    }

    /** Forgets an idle org's breaker; a new one (closed) is made if the org comes back. */
    public void forget(String orgId) {
        registry.remove(orgId);
    }

    public CircuitBreaker.State state(String orgId) {
        return breaker(orgId).getState();
    }

    private CircuitBreaker breaker(String orgId) {
        return registry.circuitBreaker(orgId);
    }

    /** One call to main as its breaker sees it. Thread-safe; only the first end counts. */
    public static final class MainCall {

        private final CircuitBreaker breaker;
        private final boolean permitted;
        private final AtomicBoolean ended = new AtomicBoolean();

        private MainCall(CircuitBreaker breaker, boolean permitted) {
            this.breaker = breaker;
            this.permitted = permitted;
        }

        /** The call was made and ended so. */
        public void ended(AttemptOutcome outcome, long latencyMs) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (OutcomePolicy.of(outcome).breakerFailure()) {
                breaker.onError(latencyMs, TimeUnit.MILLISECONDS, new MainFailed(outcome));
            } else {
                breaker.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
            }
        }

        /** No call followed: the permission goes back unused. Does nothing once the call has ended. */
        public void notMade() {
            if (ended.compareAndSet(false, true) && permitted) {
                breaker.releasePermission();
            }
        }
    }

    /** What the breaker counts; flow control, so no stack trace. */
    private static final class MainFailed extends RuntimeException {
        MainFailed(AttemptOutcome outcome) {
            super(outcome.name(), null, false, false);
        }
    }
}
