package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.Slot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The worker's counters, tagged by org and slot (org ids are fine as tags; keys never are). */
public final class WorkerMetrics {

    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A provider call that was already made once for the same attempt: the price of at-least-once. */
    public void repeatedCall(String orgId, Slot slot) {
        Counter.builder("byok.worker.calls.repeated").description("provider calls repeated after a crash or rebalance")
                .tag("org", orgId).tag("slot", slot.wire()).register(registry).increment();
    }

    public void attempt(String orgId, Slot slot, AttemptOutcome outcome, long latencyMs) {
        Counter.builder("byok.worker.attempts").description("provider calls by outcome").tag("org", orgId)
                .tag("slot", slot.wire()).tag("outcome", outcome.name()).register(registry).increment();
        Timer.builder("byok.worker.provider.latency").description("provider call latency").tag("org", orgId)
                .tag("slot", slot.wire()).register(registry).record(Duration.ofMillis(latencyMs));
    }
}
