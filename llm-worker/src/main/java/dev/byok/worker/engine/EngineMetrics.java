package dev.byok.worker.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The engine's own measurements: how long lanes wait for permits, and what is paused or abandoned. */
final class EngineMetrics {

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry, EngineStats stats, java.util.function.IntSupplier pausedLanes) {
        this.registry = registry;
        Gauge.builder("byok.worker.partitions.paused", stats, EngineStats::pausedPartitions)
                .description("tenant partitions paused because their org has a backlog").register(registry);
        Gauge.builder("byok.worker.lanes.paused", pausedLanes::getAsInt)
                .description("(org, slot) lanes paused because of their backlog").register(registry);
        Gauge.builder("byok.worker.calls.running", stats, EngineStats::running)
                .description("reviews running on this worker").register(registry);
        Gauge.builder("byok.worker.calls.abandoned", stats, s -> (double) s.abandoned())
                .description("calls whose partition moved away while they ran").register(registry);
        Gauge.builder("byok.worker.records.skipped_as_done", stats, s -> (double) s.skippedAsDone())
                .description("records skipped after a restart because their result was already committed")
                .register(registry);
    }

    void permitWait(LaneKey lane, boolean granted, Duration waited) {
        Timer.builder("byok.worker.permits.wait").description("how long a permit request waited")
                .tag("org", lane.orgId()).tag("slot", lane.slot().wire()).tag("granted", Boolean.toString(granted))
                .publishPercentileHistogram().register(registry).record(waited);
    }
}
