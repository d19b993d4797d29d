package dev.byok.worker.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;

/** The engine's own measurements: how long lanes wait for permits, and what is paused or abandoned. */
final class EngineMetrics {

    private final MeterRegistry registry;
    private final Set<LaneKey> pausedLanes;

    EngineMetrics(MeterRegistry registry, EngineStats stats, Set<LaneKey> pausedLanes) {
        this.registry = registry;
        this.pausedLanes = pausedLanes;
        Gauge.builder("byok.worker.partitions.paused", stats, EngineStats::pausedPartitions)
                .description("tenant partitions paused because their org has a backlog").register(registry);
        Gauge.builder("byok.worker.lanes.paused", pausedLanes::size)
                .description("(org, slot) lanes paused because of their backlog").register(registry);
        Gauge.builder("byok.worker.calls.running", stats, EngineStats::running)
                .description("reviews running on this worker").register(registry);
        // Counts that only grow are counters (exported as ..._total), read from the engine's stats.
        FunctionCounter.builder("byok.worker.calls.abandoned", stats, s -> (double) s.abandoned())
                .description("calls whose partition moved away while they ran").register(registry);
        FunctionCounter.builder("byok.worker.records.skipped_as_done", stats, s -> (double) s.skippedAsDone())
                .description("records skipped after a restart because their result was already committed")
                .register(registry);
        FunctionCounter.builder("byok.worker.partitions.repaused", stats, s -> (double) s.repausedOnAssignment())
                .description("partitions paused as soon as a rebalance assigned them: draining, or their lane is over its bytes")
                .register(registry);
    }

    /** The lane paused its partitions: from now on its own gauge says whether it is paused (1) or not (0). */
    void lanePaused(LaneKey lane) {
        Gauge.builder("byok.worker.lane.paused", pausedLanes, paused -> paused.contains(lane) ? 1 : 0)
                .description("whether this (org, slot) has a backlog over its pause threshold on this worker")
                .tag("org", lane.orgId()).tag("slot", lane.slot().wire()).register(registry);
    }

    /** Times one transaction: records and offsets handed over until committed or aborted. */
    Timer transactions(boolean committed) {
        return Timer.builder("byok.worker.transactions").description("Kafka transactions of finished reviews and their offsets")
                .tag("committed", Boolean.toString(committed)).publishPercentileHistogram().register(registry);
    }

    void permitWait(LaneKey lane, boolean granted, Duration waited) {
        Timer.builder("byok.worker.permits.wait").description("how long a permit request waited")
                .tag("org", lane.orgId()).tag("slot", lane.slot().wire()).tag("granted", Boolean.toString(granted))
                .publishPercentileHistogram().register(registry).record(waited);
    }
}
