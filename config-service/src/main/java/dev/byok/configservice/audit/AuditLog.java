package dev.byok.configservice.audit;

import dev.byok.model.AuditRecord;
import dev.byok.model.Json;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an org's audit trail from {@code byok.audit}, newest first. The topic is the record: all of an
 * org's changes are on the partition its id hashes to (the producer's default partitioner), so a page is
 * read backwards from a cursor (an offset on that partition) in chunks, without a consumer group and
 * without any copy of the trail outside Kafka. Only committed records are read: a config write that
 * was aborted has no audit record either.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int CHUNK = 500;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();

    public AuditLog(Map<String, Object> consumerConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, CHUNK);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "byok-audit-reader-" + java.util.UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config);
        this.timeout = timeout;
    }

    /**
     * Up to {@code limit} records of {@code orgId} older than the cursor {@code before} (or the newest
     * ones when it is null), newest first.
     */
    public AuditPage page(String orgId, Long before, int limit) {
        lock.lock();
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AUDIT, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return new AuditPage(List.of(), null);
            }
            TopicPartition partition = new TopicPartition(Topics.AUDIT, partitionOf(orgId, partitions.size()));
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long upper = before == null ? end : Math.min(before, end);
            List<Found> newestFirst = new ArrayList<>();
            long from = upper;
            while (newestFirst.size() < limit && from > begin) {
                long to = from;
                from = Math.max(begin, to - CHUNK);
                List<Found> chunk = read(partition, orgId, from, to);
                for (int i = chunk.size() - 1; i >= 0; i--) {
                    newestFirst.add(chunk.get(i));
                }
            }
            boolean more = newestFirst.size() > limit || (newestFirst.size() == limit && from > begin);
            List<Found> page = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
            String next = more && !page.isEmpty() ? Long.toString(page.get(page.size() - 1).offset()) : null;
            return new AuditPage(page.stream().map(Found::record).toList(), next);
        } finally {
            lock.unlock();
        }
    }

    /** The records of {@code orgId} at offsets {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    private List<Found> read(TopicPartition partition, String orgId, long from, long to) {
        consumer.seek(partition, from);
        List<Found> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < to) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the audit topic did not answer within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= to) {
                    break;
                }
                if (orgId.equals(record.key())) {
                    parse(record).ifPresent(r -> found.add(new Found(record.offset(), r)));
                }
            }
        }
        return found;
    }

    private static java.util.Optional<AuditRecord> parse(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(Json.lenient().readValue(record.value(), AuditRecord.class));
        } catch (RuntimeException e) {
            log.warn("Skipping an audit record that cannot be read at offset {}: {}", record.offset(),
                    e.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
    }

    /** The partition the producer's default partitioner puts a record keyed {@code orgId} on. */
    static int partitionOf(String orgId, int partitions) {
        return Utils.toPositive(Utils.murmur2(orgId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            consumer.close(Duration.ofSeconds(2));
        } finally {
            lock.unlock();
        }
    }

    private record Found(long offset, AuditRecord record) {
    }
}
