package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the worker measures per org and slot (org ids are fine as tags; keys never are): calls in
 * flight and the cap they run under, attempts by outcome, provider latency, tokens, fallbacks,
 * cooldowns, outcomes, and calls repeated after a crash. Names follow docs/metrics.md: counters
 * (exported with {@code _total}), units in names; the histograms' {@code org} tag is dropped above
 * an org count by a meter filter (dev.byok.worker.HistogramOrgTagFilter), not here.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> caps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> cooldownEnds = new ConcurrentHashMap<>();
    /** When each org last started a call or got an outcome here (epoch millis). */
    private final Map<String, Long> lastActive = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public WorkerMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A provider call that was already made once for the same attempt: the price of at-least-once. */
    public void repeatedCall(String orgId, Slot slot) {
        Counter.builder("byok.worker.calls.repeated").description("provider calls repeated after a crash or rebalance")
                .tag("org", orgId).tag("slot", slot.wire()).register(registry).increment();
    }

    /** A call starts; the returned handle ends it. The cap is what the slot's config says now (-1: none). */
    public Runnable callStarted(String orgId, Slot slot, Integer cap) {
        lastActive.put(orgId, clock.millis());
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

    public void attempt(String orgId, Slot slot, SlotSettings settings, AttemptOutcome outcome, long latencyMs) {
        String provider = settings.provider().wire();
        Counter.builder("byok.worker.attempts").description("provider calls by outcome").tag("org", orgId)
                .tag("slot", slot.wire()).tag("provider", provider).tag("outcome", outcome.name())
                .register(registry).increment();
        Timer.builder("byok.worker.provider.latency").description("provider call latency")
                .tag("org", orgId).tag("slot", slot.wire()).tag("provider", provider)
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(latencyMs));
    }

    /** Tokens by kind, tagged with the provider and the model that used them (what an org is billed for). */
    public void tokens(String orgId, Slot slot, SlotSettings settings, Usage usage) {
        if (usage == null) {
            return;
        }
        count("input", orgId, slot, settings, usage.inputTokens());
        count("output", orgId, slot, settings, usage.outputTokens());
        count("reasoning", orgId, slot, settings, usage.reasoningTokens());
    }

    public void toFallback(String orgId, String why) {
        Counter.builder("byok.worker.fallbacks").description("reviews sent from main to the fallback slot")
                .tag("org", orgId).tag("reason", why).register(registry).increment();
    }

    /** A cooldown this worker set, until {@code until}: counted, and its remaining time a gauge per slot. */
    public void cooldown(String orgId, Slot slot, Instant until) {
        Counter.builder("byok.worker.cooldowns").description("main slots cooled down after a rate limit with a hint")
                .tag("org", orgId).register(registry).increment();
        cooldownEnds.computeIfAbsent(orgId + "\u0000" + slot.wire(), k -> {
            AtomicLong endMillis = new AtomicLong();
            Gauge.builder("byok.worker.cooldown.remaining", endMillis,
                            end -> Math.max(0, end.get() - clock.millis()) / 1000.0)
                    .description("how long the cooldown this worker set on the slot still lasts").baseUnit("seconds")
                    .tag("org", orgId).tag("slot", slot.wire()).register(registry);
            return endMillis;
        }).accumulateAndGet(until.toEpochMilli(), Math::max);
    }

    public void retryLater(String orgId) {
        Counter.builder("byok.worker.retries").description("reviews waiting as later records for main")
                .tag("org", orgId).register(registry).increment();
    }

    public void outcome(ReviewOutcome outcome) {
        lastActive.put(outcome.orgId(), clock.millis());
        Counter.builder("byok.worker.outcomes").description("outcomes published by this worker")
                .tag("org", outcome.orgId()).tag("status", outcome.status().name())
                .tag("served_by", outcome.servedBy() == null ? "none" : outcome.servedBy().wire())
                .tag("error", outcome.error() == null ? "none" : outcome.error().code().name())
                .register(registry).increment();
    }

    /** Orgs with no call running here and no call started or outcome since {@code idleFor}. */
    public java.util.Set<String> idleOrgs(Duration idleFor) {
        long before = clock.millis() - idleFor.toMillis();
        java.util.Set<String> idle = new java.util.HashSet<>();
        lastActive.forEach((orgId, millis) -> {
            if (millis < before && !running(orgId)) {
                idle.add(orgId);
            }
        });
        return idle;
    }

    /**
     * Forgets idle orgs: every meter tagged with one of them (its counters start again from zero if
     * it comes back, which Prometheus' rate() and increase() read as a reset) and the gauges' state.
     * One pass over the registry for all of them.
     */
    public void forgetOrgs(java.util.Set<String> orgIds) {
        if (orgIds.isEmpty()) {
            return;
        }
        lastActive.keySet().removeAll(orgIds);
        java.util.function.Predicate<String> ofThem = key -> orgIds.contains(key.substring(0, key.indexOf('\u0000')));
        inFlight.keySet().removeIf(ofThem);
        caps.keySet().removeIf(ofThem);
        cooldownEnds.keySet().removeIf(ofThem);
        for (io.micrometer.core.instrument.Meter meter : registry.getMeters()) {
            String org = meter.getId().getTag("org");
            if (org != null && orgIds.contains(org)) {
                registry.remove(meter);
            }
        }
    }

    private boolean running(String orgId) {
        String prefix = orgId + "\u0000";
        return inFlight.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && e.getValue().get() > 0);
    }

    private void count(String kind, String orgId, Slot slot, SlotSettings settings, Long tokens) {
        if (tokens != null && tokens > 0) {
            Counter.builder("byok.worker.tokens").description("tokens used, by kind").tag("org", orgId)
                    .tag("slot", slot.wire()).tag("provider", settings.provider().wire())
                    .tag("model", String.valueOf(settings.model())).tag("kind", kind).register(registry)
                    .increment(tokens);
        }
    }
}
