package dev.byok.dispatcher.backlog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code byok_backlog_records{org, slot}}: the reviews of each org waiting in its tenant topics for
 * the workers, read every interval from the brokers through the admin client (three requests for
 * all orgs at once), so a dashboard, an alert or an autoscaler needs no per-partition series. Only
 * lanes with a backlog have a series: an idle org costs nothing, and its series goes when it drains.
 */
public final class BacklogMeter implements AutoCloseable {

    /** The workers' consumer group (llm-worker's ReviewEngine.GROUP_ID). */
    public static final String WORKER_GROUP = "byok-llm-worker";
    private static final Logger log = LoggerFactory.getLogger(BacklogMeter.class);

    private final Admin admin;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<BacklogFigures.Lane, AtomicLong> figures = new ConcurrentHashMap<>();
    private final Map<BacklogFigures.Lane, Meter> meters = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public BacklogMeter(Admin admin, MeterRegistry registry, Duration interval) {
        this.admin = admin;
        this.registry = registry;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("byok-backlog-meter").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Set<TopicPartition> partitions = tenantPartitions();
                update(BacklogFigures.waiting(offsets(partitions, OffsetSpec.latest()),
                        offsets(partitions, OffsetSpec.earliest()), committed()));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("Cannot read the tenant topics' backlog this time: {}", e.toString());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sets each lane's figure; registers lanes that now wait and removes those that no longer do. */
    void update(Map<BacklogFigures.Lane, Long> waiting) {
        waiting.forEach((lane, records) -> figures.computeIfAbsent(lane, this::register).set(records));
        for (BacklogFigures.Lane lane : Set.copyOf(figures.keySet())) {
            if (!waiting.containsKey(lane)) {
                figures.remove(lane);
                Meter meter = meters.remove(lane);
                if (meter != null) {
                    registry.remove(meter);
                }
            }
        }
    }

    private AtomicLong register(BacklogFigures.Lane lane) {
        AtomicLong value = new AtomicLong();
        meters.put(lane, Gauge.builder("byok.backlog.records", value, AtomicLong::get)
                .description("reviews in the org's tenant topic not yet committed by the workers")
                .tag("org", lane.orgId()).tag("slot", lane.slot().wire()).register(registry));
        return value;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition partition : partitions) {
            request.put(partition, spec);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.isEmpty()) {
            return offsets;
        }
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry
                : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
            offsets.put(entry.getKey(), entry.getValue().offset());
        }
        return offsets;
    }

    /** Topics the dispatcher removes meanwhile are left out (TenantPartitions). */
    private Set<TopicPartition> tenantPartitions() throws Exception {
        Set<TopicPartition> partitions = new HashSet<>();
        dev.byok.dispatcher.topics.TenantPartitions.byOrg(admin).values().forEach(partitions::addAll);
        return partitions;
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(WORKER_GROUP)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
