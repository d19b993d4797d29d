package dev.byok.bench.load;

import dev.byok.localstack.CommittedReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches internal topics (an org's tenant topics) with {@code read_committed}, like a worker
 * reads them, and notes when each review (the record key) first became readable there. This
 * splits a review's time into the dispatcher's part and the worker's part.
 */
final class TopicWatcher implements AutoCloseable {

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final CommittedReader reader;

    TopicWatcher(String bootstrapServers, List<String> topics) {
        KafkaConsumer<byte[], byte[]> consumer = CommittedReader.consumer(bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = CommittedReader.start("topic-watcher", consumer, Duration.ofMillis(100), c -> {
        }, this::note);
    }

    /** When the record keyed {@code reviewId} became readable, or null if it was not seen. */
    Instant seen(String reviewId) {
        return firstSeen.get(reviewId);
    }

    private void note(ConsumerRecords<byte[], byte[]> records) {
        Instant now = Instant.now();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null) {
                firstSeen.putIfAbsent(new String(record.key(), StandardCharsets.UTF_8), now);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
