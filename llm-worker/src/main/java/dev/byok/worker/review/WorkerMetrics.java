package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import dev.byok.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the worker measures per org and slot (org ids are fine as tags; keys never are): calls in
 * flight and the cap they run under, attempts by outcome, provider latency, tokens, fallbacks,
 * cooldowns, outcomes, and calls repeated after a crash.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> caps = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A provider call that was already made once for the same attempt: the price of at-least-once. */
    public void repeatedCall(String orgId, Slot slot) {
        Counter.builder("byok.worker.calls.repeated").description("provider calls repeated after a crash or rebalance")
                .tag("org", orgId).tag("slot", slot.wire()).register(registry).increment();
    }

    /** A call starts; the returned handle ends it. The cap is what the slot's config says now (-1: none). */
    public Runnable callStarted(String orgId, Slot slot, Integer cap) {
        String key = orgId + "\u0000" + slot.wire();
        AtomicInteger running = inFlight.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("byok.worker.calls.in_flight", value, AtomicInteger::get)
                    .description("provider calls in flight on this worker").tag("org", orgId).tag("slot", slot.wire())
                    .register(registry);
            return value;
        });
        caps.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger(-1);
            Gauge.builder("byok.worker.permits.cap", value, AtomicInteger::get)
                    .description("the slot's maxConcurrentRequests (-1: no cap)").tag("org", orgId)
                    .tag("slot", slot.wire()).register(registry);
            return value;
        }).set(cap == null ? -1 : cap);
        running.incrementAndGet();
        return running::decrementAndGet;
    }

    public void attempt(String orgId, Slot slot, AttemptOutcome outcome, long latencyMs) {
        Counter.builder("byok.worker.attempts").description("provider calls by outcome").tag("org", orgId)
                .tag("slot", slot.wire()).tag("outcome", outcome.name()).register(registry).increment();
        Timer.builder("byok.worker.provider.latency").description("provider call latency").tag("org", orgId)
                .tag("slot", slot.wire()).publishPercentileHistogram().register(registry).record(Duration.ofMillis(latencyMs));
    }

    public void tokens(String orgId, Slot slot, Usage usage) {
        if (usage == null) {
            return;
        }
        count("input", orgId, slot, usage.inputTokens());
        count("output", orgId, slot, usage.outputTokens());
        count("reasoning", orgId, slot, usage.reasoningTokens());
    }

    public void toFallback(String orgId, String why) {
        Counter.builder("byok.worker.fallbacks").description("reviews sent from main to the fallback slot")
                .tag("org", orgId).tag("reason", why).register(registry).increment();
    }

    public void cooldown(String orgId) {
        Counter.builder("byok.worker.cooldowns").description("main slots cooled down after a rate limit with a hint")
                .tag("org", orgId).register(registry).increment();
    }

    public void retryLater(String orgId) {
        Counter.builder("byok.worker.retries").description("reviews waiting as later records for main")
                .tag("org", orgId).register(registry).increment();
    }

    public void outcome(ReviewOutcome outcome) {
        Counter.builder("byok.worker.outcomes").description("outcomes published by this worker")
                .tag("org", outcome.orgId()).tag("status", outcome.status().name())
                .tag("served_by", outcome.servedBy() == null ? "none" : outcome.servedBy().wire())
                .tag("error", outcome.error() == null ? "none" : outcome.error().code().name())
                .register(registry).increment();
    }

    private void count(String kind, String orgId, Slot slot, Long tokens) {
        if (tokens != null && tokens > 0) {
            Counter.builder("byok.worker.tokens").description("tokens used, by kind").tag("org", orgId)
                    .tag("slot", slot.wire()).tag("kind", kind).register(registry).increment(tokens);
        }
    }
}
