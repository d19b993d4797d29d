package dev.byok.worker.status;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.Json;
import dev.byok.model.Slot;
import dev.byok.model.WorkerSlotReport;
import dev.byok.worker.review.MainBreakers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this worker's {@link WorkerSlotReport}s to Redis every {@link WorkerSlotReport#INTERVAL}.
 * It reads the worker's own meters (the documented ones: calls in flight, paused lanes, attempts
 * by outcome) and the main slots' breakers, so it needs no hook inside the review engine. Each
 * slot's reports are a hash with a field per worker; the hash expires when no worker writes it
 * any more, and a reader ignores a field older than {@link WorkerSlotReport#FRESH_FOR}.
 */
public final class SlotStatusPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlotStatusPublisher.class);

    private final MeterRegistry meters;
    private final MainBreakers breakers;
    private final RedissonClient redisson;
    private final String prefix;
    private final Clock clock;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName();
    private final SlotReports reports = new SlotReports(worker);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slot-status").daemon().factory());

    public SlotStatusPublisher(MeterRegistry meters, MainBreakers breakers, RedissonClient redisson, String prefix,
            Clock clock) {
        this.meters = meters;
        this.breakers = breakers;
        this.redisson = redisson;
        this.prefix = prefix;
        this.clock = clock;
    }

    public void start() {
        long period = WorkerSlotReport.INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::publishQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            // Status is for people looking; a Redis hiccup must not disturb the reviews.
            log.debug("could not publish the slot status: {}", e.toString());
        }
    }

    void publish() {
        List<SlotReports.Report> next = reports.next(read(), org -> breakers.state(org).name(), clock.instant());
        if (next.isEmpty()) {
            return;
        }
        RBatch batch = redisson.createBatch();
        for (SlotReports.Report report : next) {
            String key = WorkerSlotReport.redisKey(prefix, report.lane().orgId(), report.lane().slot());
            batch.getMap(key, StringCodec.INSTANCE).fastPutAsync(worker, Json.strict().writeValueAsString(report.report()));
            batch.getMap(key, StringCodec.INSTANCE).expireAsync(WorkerSlotReport.FRESH_FOR);
        }
        batch.execute();
    }

    private SlotReports.Readings read() {
        Map<SlotReports.Lane, Integer> inFlight = new HashMap<>();
        Set<SlotReports.Lane> paused = new HashSet<>();
        Set<SlotReports.Lane> seen = new HashSet<>();
        Map<SlotReports.Lane, Map<String, Long>> failures = new HashMap<>();
        for (Gauge gauge : meters.find("byok.worker.calls.in_flight").gauges()) {
            lane(gauge).ifPresent(lane -> {
                inFlight.put(lane, (int) gauge.value());
                seen.add(lane);
            });
        }
        for (Gauge gauge : meters.find("byok.worker.lane.paused").gauges()) {
            lane(gauge).filter(lane -> gauge.value() > 0).ifPresent(paused::add);
        }
        for (Counter counter : meters.find("byok.worker.attempts").counters()) {
            String outcome = counter.getId().getTag("outcome");
            lane(counter).filter(lane -> !AttemptOutcome.SUCCESS.name().equals(outcome)).ifPresent(lane ->
                    failures.computeIfAbsent(lane, l -> new HashMap<>()).put(outcome, (long) counter.count()));
        }
        return new SlotReports.Readings(inFlight, paused, seen, failures);
    }

    private static java.util.Optional<SlotReports.Lane> lane(Meter meter) {
        String org = meter.getId().getTag("org");
        String slot = meter.getId().getTag("slot");
        if (org == null || slot == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SlotReports.Lane(org, Slot.fromWire(slot)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
