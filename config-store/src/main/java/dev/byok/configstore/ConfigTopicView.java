package dev.byok.configstore;

import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every org's latest config, folded from the compacted config topic by one background thread.
 * Reads are lock-free map lookups. {@link #awaitCaughtUp} gives read-your-writes across service
 * instances: it asks the broker for the topic's current end and waits until this view has read
 * that far, so whatever was committed before the call is visible after it.
 */
public final class ConfigTopicView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicView.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Map<String, OrgConfigChanged> configs = new ConcurrentHashMap<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final List<Consumer<OrgConfigChanged>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private volatile boolean ready;

    /** @param clientConfig Kafka client settings (bootstrap servers, security); consumer settings are added here */
    public ConfigTopicView(Map<String, Object> clientConfig, Admin admin) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "byok-config-view");
        this.consumer = new KafkaConsumer<>(config);
        this.admin = admin;
        this.thread = Thread.ofPlatform().name("byok-config-view").daemon().unstarted(this::run);
    }

    /** The view's consumer, for binding its client metrics (ConfigViewMetrics); never polled from outside. */
    org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer() {
        return consumer;
    }

    /** Starts reading the topic from its beginning; {@link #awaitReady} tells when the view is complete. */
    public void start() {
        thread.start();
    }

    /** Waits until the view holds everything that was on the topic when it started. */
    public boolean awaitReady(Duration timeout) {
        ready = awaitCaughtUp(timeout);
        return ready;
    }

    public boolean isReady() {
        return ready && thread.isAlive();
    }

    /** The org's config if it has one: absent when it never had one or deleted both slots. */
    public Optional<OrgConfigChanged> find(String orgId) {
        OrgConfigChanged config = configs.get(orgId);
        return config == null || config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    /** The org's last event, deleted configs included, to continue its version numbering. */
    public Optional<OrgConfigChanged> latest(String orgId) {
        return Optional.ofNullable(configs.get(orgId));
    }

    /** How many orgs the view knows, deleted configs included; constant time. */
    public int orgCount() {
        return configs.size();
    }

    /** Every org the view knows, deleted configs included. */
    public java.util.Set<String> orgIds() {
        return java.util.Set.copyOf(configs.keySet());
    }

    /** Records skipped because they are not configs config-service could have written (for a metric). */
    public long skippedRecords() {
        return skipped.get();
    }

    /** Called on the view's thread after each change has been applied. */
    public void onChange(Consumer<OrgConfigChanged> listener) {
        listeners.add(listener);
    }

    /** Waits until this view has read everything committed to the topic before this call. */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> ends;
        try {
            ends = endOffsets(timeout, deadline);
        } catch (TimeoutException e) {
            return false;
        }
        return awaitPositions(ends, deadline);
    }

    /** Waits until this view has read past {@code offset} of {@code partition} (a write's own record). */
    public boolean awaitOffset(int partition, long offset, Duration timeout) {
        return awaitPositions(Map.of(partition, offset + 1), System.nanoTime() + timeout.toNanos());
    }

    private boolean awaitPositions(Map<Integer, Long> targets, long deadlineNanos) {
        progressLock.lock();
        try {
            while (!reached(targets)) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || !running) {
                    return false;
                }
                progressed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progressLock.unlock();
        }
    }

    private boolean reached(Map<Integer, Long> targets) {
        for (Map.Entry<Integer, Long> target : targets.entrySet()) {
            if (positions.getOrDefault(target.getKey(), -1L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<Integer, Long> endOffsets(Duration timeout, long deadlineNanos) throws TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Integer partition : knownPartitions(deadlineNanos)) {
            request.put(new TopicPartition(Topics.CONFIGS, partition), OffsetSpec.latest());
        }
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        try {
            Map<Integer, Long> ends = new HashMap<>();
            result.all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new ConfigStoreUnavailableException("cannot read the end of " + Topics.CONFIGS + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private List<Integer> knownPartitions(long deadlineNanos) throws TimeoutException {
        progressLock.lock();
        try {
            while (positions.isEmpty()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || !running) {
                    throw new TimeoutException(Topics.CONFIGS + " is not assigned yet");
                }
                progressed.awaitNanos(remaining);
            }
            return List.copyOf(positions.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } finally {
            progressLock.unlock();
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitTopic();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            publishPositions(partitions);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    try {
                        apply(record);
                    } catch (RuntimeException e) {
                        // apply() checks what it can; nothing a record holds may end the view
                        skip(record, "could not be applied (" + e.getClass().getSimpleName() + ")");
                    }
                }
                publishPositions(partitions);
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (RuntimeException e) {
            log.error("The config view stopped reading {}; this service now answers from a stale view", Topics.CONFIGS, e);
        } finally {
            running = false;
            signalProgress();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> awaitTopic() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CONFIGS, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            log.info("Waiting for topic {} to exist", Topics.CONFIGS);
        }
        throw new WakeupException();
    }

    /**
     * Folds one record into the view. Whatever the record holds, this never throws: a record that is
     * not a config config-service could have written is skipped with a log line and counted, and the
     * view reads on.
     */
    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        OrgConfigChanged event;
        try {
            event = Json.lenient().readValue(record.value(), OrgConfigChanged.class);
        } catch (RuntimeException e) {
            skip(record, "unreadable (" + e.getClass().getSimpleName() + ")");
            return;
        }
        Optional<String> problem = ConfigRecordCheck.problem(record.key(), event);
        if (problem.isPresent()) {
            skip(record, problem.get());
            return;
        }
        OrgConfigChanged current = configs.get(event.orgId());
        if (current != null && current.version() >= event.version()) {
            return;
        }
        configs.put(event.orgId(), event);
        for (Consumer<OrgConfigChanged> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A config listener failed for org {}", event.orgId(), e);
            }
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String reason) {
        skipped.incrementAndGet();
        log.warn("Skipping record {}-{}@{} of the config topic: {}", record.topic(), record.partition(),
                record.offset(), reason);
    }

    private void publishPositions(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            positions.put(tp.partition(), consumer.position(tp));
        }
        signalProgress();
    }

    private void signalProgress() {
        progressLock.lock();
        try {
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
