package dev.byok.configservice.store;

import dev.byok.configservice.audit.AuditDiff;
import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.kafka.BrokerUnavailableException;
import dev.byok.model.AuditRecord;
import dev.byok.model.Slot;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Topics;
import dev.byok.configstore.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes config changes so that concurrent writers, in this instance or another, never lose an
 * update, and returns only once this instance's view holds the write.
 *
 * <p>Kafka has no compare-and-set, and a compacted topic must never end on a record that lost a
 * race. So writes to an org are serialized with Kafka's own fencing: every writer of a bucket of
 * orgs uses the same {@code transactional.id}. A producer can only commit while no other producer
 * with its id has been initialised since it was; initialising fences the previous one and aborts
 * its open transaction. A writer therefore (1) holds an unfenced producer, (2) catches its view
 * up with the log, (3) checks the version and builds the new config, (4) commits. If anyone else
 * initialised in between, step 4 fails with a fencing error, and the writer starts over with a new
 * producer and sees the other write. The same mechanism keeps zombie instances from writing.
 */
public final class ConfigWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWriter.class);
    private static final int BUCKETS = 8;
    private static final int MAX_ATTEMPTS = 5;

    private final Map<String, Object> producerConfig;
    private final ConfigTopicView view;
    private final Duration timeout;
    private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();
    private final KafkaClientMeters clientMeters;

    public ConfigWriter(Map<String, Object> producerConfig, ConfigTopicView view, Duration timeout) {
        this(producerConfig, view, timeout, new KafkaClientMeters(new SimpleMeterRegistry()));
    }

    /** @param clientMeters where the producers' own Kafka client metrics are bound */
    public ConfigWriter(Map<String, Object> producerConfig, ConfigTopicView view, Duration timeout,
            KafkaClientMeters clientMeters) {
        this.producerConfig = new HashMap<>(producerConfig);
        this.view = view;
        this.timeout = timeout;
        this.clientMeters = clientMeters;
    }

    /**
     * Applies {@code change} to the org's current config and publishes the result.
     *
     * @param ifMatch the version the caller last saw, or null for an unconditional write
     * @param audit who makes the change and why; its audit record is committed in the same transaction
     *     as the config record, so there is never a change without its record or a record without its change
     * @return the config that was written, or the current one if there was nothing to change
     * @throws StaleVersionException if {@code ifMatch} is not the current version
     */
    public Optional<OrgConfigChanged> write(String orgId, Long ifMatch, ConfigChange change, Audit audit) {
        Bucket bucket = buckets.computeIfAbsent(Math.floorMod(orgId.hashCode(), BUCKETS), Bucket::new);
        bucket.lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return writeOnce(bucket, orgId, ifMatch, change, audit);
                } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
                    bucket.discardProducer();
                    if (attempt == MAX_ATTEMPTS) {
                        throw new dev.byok.configstore.ConfigStoreUnavailableException("gave up after " + MAX_ATTEMPTS
                                + " attempts: other writers kept changing org " + orgId);
                    }
                    log.debug("Config write for org {} raced with another writer; retrying", orgId);
                }
            }
        } finally {
            bucket.lock.unlock();
        }
    }

    private Optional<OrgConfigChanged> writeOnce(Bucket bucket, String orgId, Long ifMatch, ConfigChange change,
            Audit audit) {
        KafkaProducer<String, byte[]> producer = bucket.producer();
        if (!view.awaitCaughtUp(timeout)) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("the config view did not catch up with the log within " + timeout);
        }
        Optional<OrgConfigChanged> current = view.latest(orgId);
        long currentVersion = current.map(OrgConfigChanged::version).orElse(0L);
        if (ifMatch != null && ifMatch != currentVersion) {
            throw new StaleVersionException(currentVersion);
        }
        String writeId = UUID.randomUUID().toString();
        Optional<OrgConfigChanged> next = change.apply(current.filter(ConfigWriter::holdsAnything), currentVersion + 1, writeId);
        if (next.isEmpty()) {
            return current;
        }
        AuditRecord record = AuditDiff.record(writeId, audit.actor(), audit.action(), audit.slot(),
                current.filter(ConfigWriter::holdsAnything), next.get());
        RecordMetadata written;
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.AUDIT, orgId, Json.lenient().writeValueAsBytes(record)));
            written = producer.send(new ProducerRecord<>(Topics.CONFIGS, orgId, Json.lenient().writeValueAsBytes(next.get())))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producer.commitTransaction();
        } catch (ExecutionException e) {
            abortQuietly(bucket, producer);
            throw unwrap(e);
        } catch (TimeoutException e) {
            abortQuietly(bucket, producer);
            throw new BrokerUnavailableException("the broker did not acknowledge the config write within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortQuietly(bucket, producer);
            throw new BrokerUnavailableException("interrupted while writing the config", e);
        } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
            throw fenced;
        } catch (KafkaException e) {
            abortQuietly(bucket, producer);
            throw e;
        }
        if (!view.awaitOffset(written.partition(), written.offset(), timeout)) {
            throw new dev.byok.configstore.ConfigStoreUnavailableException("the write was published but this instance did not read it back within "
                    + timeout);
        }
        return next;
    }

    private static boolean holdsAnything(OrgConfigChanged config) {
        return !config.isEmpty() || config.budget() != null;
    }

    private static RuntimeException unwrap(ExecutionException e) {
        if (e.getCause() instanceof ProducerFencedException fenced) {
            return fenced;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        return new BrokerUnavailableException("the config write failed: " + e.getCause().getMessage(), e.getCause());
    }

    private static void abortQuietly(Bucket bucket, KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            bucket.discardProducer();
        }
    }

    @Override
    public void close() {
        buckets.values().forEach(Bucket::discardProducer);
    }

    private final class Bucket {
        private final int index;
        private final ReentrantLock lock = new ReentrantLock();
        private KafkaProducer<String, byte[]> producer;

        Bucket(int index) {
            this.index = index;
        }

        KafkaProducer<String, byte[]> producer() {
            if (producer == null) {
                Map<String, Object> config = new HashMap<>(producerConfig);
                config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
                config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "byok-config-writer-" + index);
                config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                config.put(ProducerConfig.CLIENT_ID_CONFIG, "byok-config-writer-" + index + "-" + UUID.randomUUID());
                KafkaProducer<String, byte[]> created = clientMeters.producer("config-writer-" + index,
                        new KafkaProducer<>(config));
                try {
                    created.initTransactions();
                } catch (RuntimeException e) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                producer = created;
            }
            return producer;
        }

        void discardProducer() {
            if (producer != null) {
                try {
                    producer.close(Duration.ofSeconds(1));
                } catch (RuntimeException ignored) {
                    // it was fenced or broken; nothing left to flush
                }
                producer = null;
            }
        }
    }

    /**
     * Who makes a change, what they do and to which slot: what the audit record of the write says
     * beside the fields that changed.
     *
     * @param actor the subject of the caller's token
     */
    public record Audit(String actor, AuditRecord.AuditAction action, Slot slot) {
    }
}
