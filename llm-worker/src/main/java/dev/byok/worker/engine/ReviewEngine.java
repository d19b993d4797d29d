package dev.byok.worker.engine;

import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.model.Topics;
import dev.byok.worker.permits.Lease;
import dev.byok.worker.permits.Permit;
import dev.byok.worker.permits.PermitGate;
import dev.byok.worker.review.NotBeforeHeader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop and everything it owns.
 *
 * <p>One platform thread polls every tenant topic (by pattern, so new orgs are picked up without a
 * restart) and never blocks on anything but the broker: permits are asked for on virtual threads,
 * reviews run on virtual threads, and both report back through an event queue that wakes the
 * poll. Each polled record joins the lane of its (org, slot); lanes take turns asking for permits
 * within this worker's in-flight budget. A lane with a backlog pauses its partitions, so the poll
 * keeps bringing the other orgs' reviews. Finished reviews are published in a Kafka transaction
 * together with their partitions' offsets (and which later records are already done), so a
 * crash or a rebalance never loses or duplicates an outcome; the transactions are committed on a
 * thread of their own ({@link TransactionCommitter}), so the poll thread never waits for one.
 */
public final class ReviewEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReviewEngine.class);
    static final String GROUP_ID = "byok-llm-worker";

    /**
     * Runs one review while its permit, taken under {@code permitCaps}, is held; {@code lease} is
     * renewed just before the call (the engine releases the permit).
     */
    @FunctionalInterface
    public interface ReviewRunner {
        ReviewRun run(ConsumerRecord<byte[], byte[]> record, LaneKey lane, SlotCaps permitCaps, Lease lease);
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final PermitGate permits;
    private final ReviewRunner runner;
    private final Function<LaneKey, SlotCaps> capsOf;
    private final EngineSettings settings;
    private final Clock clock;
    private final EngineStats stats = new EngineStats();
    private final EngineMetrics metrics;
    private final Queue<EngineEvent> events = new ConcurrentLinkedQueue<>();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    // Owned by the poll thread.
    private TransactionCommitter committer;
    private InFlightCommit inFlight;
    private final Map<TopicPartition, OwnedPartition> owned = new HashMap<>();
    private final LaneScheduler lanes;
    private final List<ConsumerRecord<byte[], byte[]>> unrouted = new ArrayList<>();
    private final List<Finished> outbox = new ArrayList<>();
    private final Set<LaneKey> pausedLanes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long nextEpoch = 1;

    public ReviewEngine(Map<String, Object> consumerBase, Map<String, Object> producerBase, PermitGate permits,
            ReviewRunner runner, Function<LaneKey, SlotCaps> capsOf, EngineSettings settings,
            Duration topicDiscoveryInterval, Clock clock, MeterRegistry meters) {
        this.consumerConfig = consumerConfig(consumerBase, topicDiscoveryInterval);
        this.producerConfig = producerConfig(producerBase);
        this.permits = permits;
        this.runner = runner;
        this.capsOf = capsOf;
        this.settings = settings;
        this.clock = clock;
        this.lanes = new LaneScheduler(settings.maxInFlight());
        this.metrics = new EngineMetrics(meters, stats, pausedLanes);
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
        consumer = new KafkaConsumer<>(consumerConfig);
        committer = new TransactionCommitter(this::newProducer);
        committer.start();
        consumer.subscribe(Topics.TENANT_TOPIC_PATTERN, new Rebalance());
        healthy = true;
        try {
            while (running) {
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
        initNewPartitions();
        routeUnrouted();
        drainEvents();
        requestPermits();
        commitOutbox();
        applyPauses();
        Duration timeout = events.isEmpty() ? pollTimeout() : Duration.ZERO;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            unrouted.add(record);
        }
    }

    /** Long polls, but wake up in time for a review that waits for a retry. */
    private Duration pollTimeout() {
        long now = clock.millis();
        long untilReady = lanes.nextReadyAtMillis(now) - now;
        return Duration.ofMillis(Math.max(1, Math.min(500, untilReady)));
    }

    /** Reads the committed offsets and metadata of newly assigned partitions. */
    private void initNewPartitions() {
        Set<TopicPartition> fresh = new HashSet<>();
        owned.forEach((tp, state) -> {
            if (state.progress == null) {
                fresh.add(tp);
            }
        });
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(fresh);
        for (TopicPartition tp : fresh) {
            OffsetAndMetadata c = committed.get(tp);
            owned.get(tp).progress = PartitionProgress.fromCommitted(c == null ? -1 : c.offset(),
                    c == null ? null : c.metadata());
        }
    }

    private void routeUnrouted() {
        Iterator<ConsumerRecord<byte[], byte[]>> it = unrouted.iterator();
        while (it.hasNext()) {
            ConsumerRecord<byte[], byte[]> record = it.next();
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            OwnedPartition state = owned.get(tp);
            if (state == null) {
                it.remove();
                continue;
            }
            if (state.progress == null) {
                continue;
            }
            it.remove();
            state.progress.received(record.offset());
            if (state.progress.wasDoneEarlier(record.offset())) {
                state.progress.markDone(List.of(record.offset()));
                stats.skippedAsDone.increment();
                continue;
            }
            Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(record.topic());
            if (tenant.isEmpty()) {
                outbox.add(new Finished(tp, record.offset(), state.epoch, List.of(
                        DeadLetters.of(record, "not a tenant topic of this version"))));
                continue;
            }
            LaneKey key = new LaneKey(tenant.get().orgId(), tenant.get().slot());
            lanes.lane(key).enqueue(new QueuedReview(record, tp, state.epoch, NotBeforeHeader.read(record.headers())));
        }
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
                case EngineEvent.CommitEnded ended -> completeCommit(false);
            }
        }
        lanes.removeIdle();
    }

    private void startReview(LaneKey key, Permit permit, SlotCaps caps) {
        Lane lane = lanes.existing(key);
        QueuedReview review = lane == null ? null : lane.pollReady(clock.millis());
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
        OwnedPartition state = owned.get(review.partition());
        if (state == null || state.epoch != review.epoch()) {
            // The partition moved to another worker while this call ran: it serves the review again.
            stats.abandoned.increment();
            return;
        }
        switch (finished.run()) {
            case ReviewRun.Publish publish -> outbox.add(new Finished(review.partition(), review.record().offset(),
                    review.epoch(), publish.records()));
            case ReviewRun.CapChanged changed -> lanes.lane(finished.lane()).requeueFirst(review);
        }
    }

    private void requestPermits() {
        for (Lane lane : lanes.nextPermitRequests(key -> capsOf.apply(key).cap(), clock.millis())) {
            LaneKey key = lane.key();
            SlotCaps caps = capsOf.apply(key);
            lane.acquireStarted();
            virtualThreads.execute(() -> {
                long asked = System.nanoTime();
                try {
                    Optional<Permit> permit = permits.tryAcquire(caps.permitKey(), caps.cap(), caps.configVersion(),
                            settings.permitWait());
                    metrics.permitWait(key, permit.isPresent(), Duration.ofNanos(System.nanoTime() - asked));
                    signal(permit.<EngineEvent>map(p -> new EngineEvent.PermitGranted(key, p, caps))
                            .orElseGet(() -> new EngineEvent.PermitNotGranted(key, false)));
                } catch (RuntimeException e) {
                    log.warn("Cannot get a permit for org {} slot {}: {}", key.orgId(), key.slot().wire(), e.toString());
                    signal(new EngineEvent.PermitNotGranted(key, true));
                }
            });
        }
    }

    /**
     * Hands the finished reviews and their offsets to the committer as one transaction, unless one
     * is still being committed: then they wait and go together with whatever finishes meanwhile.
     */
    private void commitOutbox() {
        if (inFlight != null) {
            return;
        }
        outbox.removeIf(f -> !isCurrent(f.partition(), f.epoch()));
        if (outbox.isEmpty()) {
            return;
        }
        List<Finished> batch = List.copyOf(outbox);
        outbox.clear();
        Map<TopicPartition, List<Long>> doneByPartition = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Finished f : batch) {
            doneByPartition.computeIfAbsent(f.partition(), tp -> new ArrayList<>()).add(f.offset());
            records.addAll(f.outputs());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        doneByPartition.forEach((tp, done) -> {
            PartitionProgress.Commit commit = owned.get(tp).progress.commitWith(done);
            offsets.put(tp, new OffsetAndMetadata(commit.offset(), commit.metadata()));
        });
        long handedOver = System.nanoTime();
        InFlightCommit commit = new InFlightCommit(batch, committer.commit(records, offsets, consumer.groupMetadata()));
        inFlight = commit;
        commit.result().whenComplete((committed, failure) -> {
            metrics.transactions(Boolean.TRUE.equals(committed)).record(Duration.ofNanos(System.nanoTime() - handedOver));
            signal(new EngineEvent.CommitEnded());
        });
    }

    /** Takes in the result of the transaction in flight, once it has ended (or, if {@code wait}, when it has). */
    private void completeCommit(boolean wait) {
        InFlightCommit commit = inFlight;
        if (commit == null || (!wait && !commit.result().isDone())) {
            return;
        }
        inFlight = null;
        boolean committed;
        try {
            committed = commit.result().join();
        } catch (RuntimeException e) {
            log.warn("Committing {} finished reviews failed; retrying: {}", commit.batch().size(), e.toString());
            committed = false;
        }
        if (!committed) {
            // Nothing of it is visible: the same reviews go into the next transaction (if still ours).
            outbox.addAll(0, commit.batch());
            return;
        }
        Map<TopicPartition, List<Long>> done = new HashMap<>();
        for (Finished f : commit.batch()) {
            if (isCurrent(f.partition(), f.epoch())) {
                done.computeIfAbsent(f.partition(), tp -> new ArrayList<>()).add(f.offset());
            }
        }
        done.forEach((tp, offsets) -> owned.get(tp).progress.markDone(offsets));
        stats.published.add(commit.batch().size());
    }

    private boolean isCurrent(TopicPartition partition, long epoch) {
        OwnedPartition state = owned.get(partition);
        return state != null && state.epoch == epoch;
    }

    private void applyPauses() {
        Set<TopicPartition> wantPaused = new HashSet<>();
        for (Lane lane : lanes.all()) {
            boolean paused = pausedLanes.contains(lane.key());
            boolean full = lane.queued() >= settings.pauseAtQueued() || lane.queuedBytes() >= settings.pauseAtQueuedBytes();
            boolean drained = lane.queued() <= settings.pauseAtQueued() / 2
                    && lane.queuedBytes() <= settings.pauseAtQueuedBytes() / 2;
            if (full || (paused && !drained)) {
                if (pausedLanes.add(lane.key())) {
                    metrics.lanePaused(lane.key());
                }
            } else {
                pausedLanes.remove(lane.key());
            }
        }
        pausedLanes.removeIf(key -> lanes.existing(key) == null);
        owned.forEach((tp, state) -> {
            Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(tp.topic());
            boolean laneFull = tenant.isPresent()
                    && pausedLanes.contains(new LaneKey(tenant.get().orgId(), tenant.get().slot()));
            boolean spanFull = state.progress != null && state.progress.span() >= settings.maxOpenSpan();
            if (laneFull || spanFull) {
                wantPaused.add(tp);
            }
        });
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = wantPaused.stream().filter(tp -> !paused.contains(tp)).toList();
        List<TopicPartition> toResume = paused.stream().filter(tp -> !wantPaused.contains(tp)).toList();
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        stats.pausedPartitions.set(wantPaused.size());
    }

    private void signal(EngineEvent event) {
        events.add(event);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Publish what is finished while these partitions are still ours; the rest is served
            // again by their next owner.
            completeCommit(true);
            commitOutbox();
            completeCommit(true);
            release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> ofPausedLanes = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                owned.put(tp, new OwnedPartition(nextEpoch++));
                Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(tp.topic());
                if (tenant.isPresent() && pausedLanes.contains(new LaneKey(tenant.get().orgId(), tenant.get().slot()))) {
                    ofPausedLanes.add(tp);
                }
            }
            // Kafka forgets the pause of a partition that moves: one of a lane with a backlog here must
            // not be fetched from in this very poll.
            if (!ofPausedLanes.isEmpty()) {
                consumer.pause(ofPausedLanes);
                stats.repausedOnAssignment.add(ofPausedLanes.size());
            }
        }

        private void release(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                owned.remove(tp);
                lanes.all().forEach(lane -> lane.dropPartition(tp));
                unrouted.removeIf(r -> r.topic().equals(tp.topic()) && r.partition() == tp.partition());
                outbox.removeIf(f -> f.partition().equals(tp));
            }
        }
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "byok-worker-" + UUID.randomUUID());
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(config);
        created.initTransactions();
        return created;
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> base, Duration discovery) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // Pattern subscriptions see new topics when metadata is refreshed: this is how soon a new org is served.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) discovery.toMillis());
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A worker that dies is noticed in seconds, not the client default of 45 s.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return config;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, dev.byok.configstore.kafka.TopicSpec.MAX_MESSAGE_BYTES);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Our transactions last milliseconds. A process killed inside one leaves it open, and until the
        // coordinator aborts it, read_committed consumers of the results topic cannot read past it:
        // keep that window short (the client default is a minute).
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        // A transaction that follows the previous one closely is told CONCURRENT_TRANSACTIONS while
        // the coordinator still writes the previous one's markers, and asks again after this back-off:
        // the client default of 100 ms was most of the time of a review moved to its fallback.
        config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return config;
    }

    private void shutdown() {
        virtualThreads.shutdownNow();
        try {
            if (committer != null) {
                committer.close();
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            pollThread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A partition this worker owns, and since when (its epoch): results from an older epoch are stale. */
    private static final class OwnedPartition {
        final long epoch;
        PartitionProgress progress;

        OwnedPartition(long epoch) {
            this.epoch = epoch;
        }
    }

    /** The transaction being committed, and the finished reviews in it. */
    private record InFlightCommit(List<Finished> batch, CompletableFuture<Boolean> result) {
    }

    /** A finished review waiting to be published with its offset. */
    private record Finished(TopicPartition partition, long offset, long epoch,
            List<ProducerRecord<byte[], byte[]>> outputs) {
    }
}
