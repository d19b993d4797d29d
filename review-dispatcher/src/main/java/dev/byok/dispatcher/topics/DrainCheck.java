package dev.byok.dispatcher.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether the workers have served everything in some partitions: no transaction is open on them,
 * and reading each one with {@code read_committed} from the workers' committed offset to its end
 * finds no record. Reading, not comparing offsets, because the end of a partition written in
 * transactions is a commit marker the workers' offsets stop before, and an aborted write leaves
 * records nobody will ever commit past; neither is a review waiting.
 */
final class DrainCheck implements AutoCloseable {

    private static final Duration READ_FOR_AT_MOST = Duration.ofSeconds(5);

    private final Admin admin;
    private final String workerGroup;
    private final KafkaConsumer<byte[], byte[]> reader;

    DrainCheck(Admin admin, String workerGroup, Map<String, Object> consumerBase) {
        this.admin = admin;
        this.workerGroup = workerGroup;
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.reader = new KafkaConsumer<>(config);
    }

    /**
     * @return the partitions not drained, each with why; empty when every one is drained. A
     *     partition that could not be read to its end in time counts as not drained.
     */
    Map<TopicPartition, String> waiting(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, String> waiting = new HashMap<>();
        if (partitions.isEmpty()) {
            return waiting;
        }
        Map<TopicPartition, Long> highWatermarks = offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stableEnds = offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                Map.of(workerGroup, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
                .partitionsToOffsetAndMetadata(workerGroup).get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (!highWatermarks.get(partition).equals(stableEnds.get(partition))) {
                waiting.put(partition, "a transaction is open on " + partition);
                continue;
            }
            OffsetAndMetadata offset = committed.get(partition);
            long start = Math.max(starts.get(partition), offset == null ? 0 : offset.offset());
            if (start < stableEnds.get(partition)) {
                from.put(partition, start);
            }
        }
        if (!from.isEmpty()) {
            readToEnd(from, stableEnds, waiting);
        }
        return waiting;
    }

    private void readToEnd(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends,
            Map<TopicPartition, String> waiting) {
        reader.assign(List.copyOf(from.keySet()));
        from.forEach(reader::seek);
        Set<TopicPartition> unread = new java.util.HashSet<>(from.keySet());
        long deadline = System.nanoTime() + READ_FOR_AT_MOST.toNanos();
        try {
            while (!unread.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(100));
                for (TopicPartition partition : records.partitions()) {
                    if (unread.remove(partition)) {
                        waiting.put(partition, "a review waits in " + partition + " at offset "
                                + records.records(partition).getFirst().offset());
                        reader.pause(List.of(partition));
                    }
                }
                unread.removeIf(p -> reader.position(p) >= ends.get(p));
                if (!unread.isEmpty() && System.nanoTime() > deadline) {
                    unread.forEach(p -> waiting.put(p, "could not read " + p + " to its end within "
                            + READ_FOR_AT_MOST.toSeconds() + " s"));
                    return;
                }
            }
        } finally {
            reader.assign(List.of());
        }
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        reader.close(Duration.ofSeconds(2));
    }
}
