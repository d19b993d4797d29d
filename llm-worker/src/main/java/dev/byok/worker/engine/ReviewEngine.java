package dev.byok.worker.engine;

import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.configstore.kafka.KafkaClientMeters;
import dev.byok.configstore.kafka.KafkaClientSettings;
import dev.byok.model.Topics;
import dev.byok.worker.permits.Lease;
import dev.byok.worker.permits.Permit;
import dev.byok.worker.permits.PermitGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop. One platform thread polls every tenant topic (by pattern, so new orgs are
 * picked up without a restart) and never blocks on anything but the broker: permits are asked for
 * ({@link PermitRequests}) and reviews run on virtual threads, which report back through an event
 * queue that wakes the poll. Each polled record joins the lane of its (org, slot) ({@link
 * LaneScheduler}); a lane with a backlog pauses its partitions ({@link PausePolicy}); finished
 * reviews are published with their offsets ({@link Outbox}, {@link PartitionLedger}) in a Kafka
 * transaction committed on a thread of its own ({@link TransactionCommitter}), so a crash or a
 * rebalance never loses or duplicates an outcome. On close it drains ({@link #close}).
 */
public final class ReviewEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReviewEngine.class);
    static final String GROUP_ID = "byok-llm-worker";

    /** Runs one review while its permit, taken under {@code permitCaps}, is held (the engine releases it). */
    @FunctionalInterface
    public interface ReviewRunner {
        ReviewRun run(ConsumerRecord<byte[], byte[]> record, LaneKey lane, SlotCaps permitCaps, Lease lease);
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerBase;
    private final ReviewRunner runner;
    private final Function<LaneKey, SlotCaps> capsOf;
    private final EngineSettings settings;
    private final Pauses pauses;
    private final Clock clock;
    private final EngineStats stats = new EngineStats();
    private final EngineMetrics metrics;
    /** The consumer's and producers' own Kafka metrics (lag, records, transaction times). */
    private final KafkaClientMeters clientMeters;
    private final Queue<EngineEvent> events = new ConcurrentLinkedQueue<>();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final PermitRequests permitRequests;
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile long drainUntilNanos = Long.MAX_VALUE;
    private volatile boolean draining;
    private volatile boolean healthy;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private final WakeupPolicy wakeups = new WakeupPolicy();

    // Owned by the poll thread.
    private Publishing publishing;
    /** The consumer's count of failed rebalances (Kafka's consumer-coordinator-metrics), read each turn. */
    private org.apache.kafka.common.Metric failedRebalances;
    private final PartitionLedger ledger = new PartitionLedger();
    private final Outbox outbox = new Outbox();
    private final LaneScheduler lanes;
    private final Intake intake;
    private final Set<LaneKey> pausedLanes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReviewEngine(Map<String, Object> consumerBase, Map<String, Object> producerBase, PermitGate permits,
            ReviewRunner runner, Function<LaneKey, SlotCaps> capsOf, EngineSettings settings,
            Duration topicDiscoveryInterval, Clock clock, MeterRegistry meters) {
        this.consumerConfig = consumerConfig(consumerBase, topicDiscoveryInterval);
        this.producerBase = producerBase;
        this.runner = runner;
        this.capsOf = capsOf;
        this.settings = settings;
        this.clock = clock;
        this.lanes = new LaneScheduler(settings.maxInFlight());
        this.intake = new Intake(ledger, lanes, outbox, stats);
        this.metrics = new EngineMetrics(meters, stats, pausedLanes);
        this.pauses = new Pauses(PausePolicy.of(settings), settings.maxOpenSpan(), pausedLanes, metrics, stats);
        this.permitRequests = new PermitRequests(permits, settings.permitWait(), metrics, virtualThreads, this::signal);
        this.clientMeters = new KafkaClientMeters(meters);
        this.pollThread = Thread.ofPlatform().name("byok-worker-poll").unstarted(this::run);
    }

    public void start() {
        pollThread.start();
    }

    public boolean isHealthy() {
        return healthy && pollThread.isAlive();
    }

    public EngineStats stats() {
        return stats;
    }

    private void run() {
        consumer = clientMeters.consumer("review-engine", new KafkaConsumer<>(consumerConfig));
        publishing = new Publishing(producerBase, outbox, ledger, stats, metrics, () -> signal(new EngineEvent.CommitEnded()),
                producer -> clientMeters.producer("review-engine", producer));
        consumer.subscribe(Topics.TENANT_TOPIC_PATTERN,
                new Rebalance(consumer, publishing, ledger, intake, pauses, stats, () -> draining));
        failedRebalances = consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("failed-rebalance-total")
                        && e.getKey().group().equals("consumer-coordinator-metrics"))
                .map(e -> (org.apache.kafka.common.Metric) e.getValue()).findFirst().orElse(null);
        healthy = true;
        try {
            while (running && !drained()) {
                try {
                    iterate();
                } catch (WakeupException woken) {
                    // an event arrived; the next iteration handles it
                }
            }
        } catch (RuntimeException e) {
            log.error("The worker's poll loop stopped; reviews are not being served", e);
        } finally {
            healthy = false;
            shutdown();
        }
    }

    private void iterate() {
        intake.startPartitions(consumer);
        intake.route();
        drainEvents();
        if (!draining) {
            requestPermits();
        }
        publishing.commitNext(consumer.groupMetadata());
        pauses.apply(consumer, lanes, ledger, draining);
        long now = clock.millis();
        if (failedRebalances != null
                && wakeups.observe(((Number) failedRebalances.metricValue()).doubleValue(), now)) {
            log.info("A rebalance failed; for {} events do not wake the consumer (it polls every {} instead),"
                    + " so that the next rebalance can finish", WakeupPolicy.QUIET, WakeupPolicy.SHORT_POLL);
        }
        Duration timeout = events.isEmpty() ? wakeups.pollTimeout(pollTimeout(), now) : Duration.ZERO;
        intake.polled(consumer.poll(timeout));
    }

    /** Draining ends when every call has finished and been published, or the grace period is over. */
    private boolean drained() {
        if (!draining) {
            return false;
        }
        boolean idle = stats.running() == 0 && outbox.isEmpty() && lanes.all().stream().allMatch(l -> l.acquiring() == 0);
        if (!idle && System.nanoTime() - drainUntilNanos >= 0) {
            log.warn("Shutdown grace over with {} calls still running; their reviews are served again elsewhere",
                    stats.running());
            return true;
        }
        return idle;
    }

    /** Long polls, but wake up in time for a review that waits for a retry. */
    private Duration pollTimeout() {
        long now = clock.millis();
        long untilReady = lanes.nextReadyAtMillis(now) - now;
        return Duration.ofMillis(Math.max(1, Math.min(500, untilReady)));
    }

    private void drainEvents() {
        EngineEvent event;
        while ((event = events.poll()) != null) {
            switch (event) {
                case EngineEvent.PermitGranted granted -> startReview(granted.lane(), granted.permit(), granted.caps());
                case EngineEvent.PermitNotGranted notGranted -> {
                    Lane lane = lanes.existing(notGranted.lane());
                    if (lane != null) {
                        lane.acquireEnded();
                        if (notGranted.storeFailed()) {
                            lane.backOffUntil(clock.millis() + 1_000);
                        }
                    }
                }
                case EngineEvent.TaskFinished finished -> finish(finished);
                case EngineEvent.CommitEnded ended -> publishing.complete(false);
            }
        }
        lanes.removeIdle();
    }

    private void startReview(LaneKey key, Permit permit, SlotCaps caps) {
        Lane lane = lanes.existing(key);
        QueuedReview review = lane == null || draining ? null : lane.pollReady(clock.millis());
        if (lane != null) {
            lane.acquireEnded();
        }
        if (review == null) {
            permit.release();
            return;
        }
        lane.taskStarted();
        stats.running.incrementAndGet();
        virtualThreads.execute(() -> {
            ReviewRun run;
            try {
                run = runner.run(review.record(), key, caps, permit);
            } catch (RuntimeException e) {
                log.error("A review failed unexpectedly on org {} slot {}; it goes to the dead-letter topic",
                        key.orgId(), key.slot().wire(), e);
                run = new ReviewRun.Publish(List.of(DeadLetters.of(review.record(), "the worker failed unexpectedly: "
                        + e.getClass().getSimpleName())));
            } finally {
                permit.release();
            }
            signal(new EngineEvent.TaskFinished(key, review, run));
        });
    }

    private void finish(EngineEvent.TaskFinished finished) {
        stats.running.decrementAndGet();
        Lane lane = lanes.existing(finished.lane());
        if (lane != null) {
            lane.taskEnded();
        }
        QueuedReview review = finished.review();
        if (!ledger.isCurrent(review.partition(), review.epoch())) {
            // The partition moved to another worker while this call ran: it serves the review again.
            stats.abandoned.increment();
            return;
        }
        switch (finished.run()) {
            case ReviewRun.Publish publish -> outbox.add(new Outbox.Finished(review.partition(),
                    review.record().offset(), review.epoch(), publish.records()));
            case ReviewRun.CapChanged changed -> lanes.lane(finished.lane()).requeueFirst(review);
            case ReviewRun.StoreUnavailable unavailable -> {
                Lane again = lanes.lane(finished.lane());
                again.requeueFirst(review);
                again.backOffUntil(clock.millis() + 1_000);
            }
        }
    }

    private void requestPermits() {
        for (Lane lane : lanes.nextPermitRequests(key -> capsOf.apply(key).cap(), clock.millis())) {
            lane.acquireStarted();
            permitRequests.ask(lane.key(), capsOf.apply(lane.key()));
        }
    }

    private void signal(EngineEvent event) {
        events.add(event);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null && wakeups.mayWake(clock.millis())) {
            c.wakeup();
        }
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> base, Duration discovery) {
        Map<String, Object> config = KafkaClientSettings.transactionalConsumer(base, GROUP_ID);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // Pattern subscriptions see new topics when metadata is refreshed: this is how soon a new org is served.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) discovery.toMillis());
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return config;
    }

    /**
     * Calls still running (only after the grace period) are abandoned; leaving the group publishes
     * what finished (the revocation commits it) before the transactions' thread closes.
     */
    private void shutdown() {
        virtualThreads.shutdownNow();
        try {
            consumer.close(Duration.ofSeconds(5));
        } finally {
            if (publishing != null) {
                publishing.close();
            }
            clientMeters.close();
        }
    }

    /**
     * Drains, then stops: no new review is taken (partitions paused, no permit asked for, a permit
     * granted meanwhile given back), calls in flight get up to the shutdown grace to finish, their
     * outcomes and offsets are published, permits released, and the group is left so the
     * partitions move at once. What was queued but not started is served by the next owner.
     */
    @Override
    public void close() {
        drainUntilNanos = System.nanoTime() + settings.shutdownGrace().toNanos();
        draining = true;
        log.info("Draining: {} calls in flight get up to {} to finish", stats.running(), settings.shutdownGrace());
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            pollThread.join(settings.shutdownGrace().plusSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }
}
