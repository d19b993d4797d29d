package dev.byok.cli;

import dev.byok.model.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** Reads the dead-letter topic up to its end as of now: the records already there, then stops. */
final class DeadLetterReader {

    private final KafkaSettings kafka;
    private final KafkaConsumer<byte[], byte[]> consumer;

    DeadLetterReader(KafkaSettings kafka, KafkaConsumer<byte[], byte[]> consumer) {
        this.kafka = kafka;
        this.consumer = consumer;
    }

    /** Every dead letter (from {@code since} ago, when given), oldest first. */
    List<DeadLetter> all(Duration since) {
        List<TopicPartition> partitions = kafka.partitions(consumer, Topics.REVIEWS_DEAD_LETTER).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KafkaSettings.WAIT);
        if (since == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, Instant.now().minus(since).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, KafkaSettings.WAIT);
            partitions.forEach(p -> consumer.seek(p, offsets.get(p) == null ? ends.get(p) : offsets.get(p).offset()));
        }
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + KafkaSettings.WAIT.toNanos() * 4;
        while (!reachedEnd(partitions, ends)) {
            if (System.nanoTime() > deadline) {
                throw new UserError("reading " + Topics.REVIEWS_DEAD_LETTER + " took longer than "
                        + KafkaSettings.WAIT.toSeconds() * 4 + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    letters.add(new DeadLetter(record));
                }
            }
        }
        letters.sort(Comparator.comparingLong((DeadLetter l) -> l.record().timestamp()).thenComparing(DeadLetter::position));
        return letters;
    }

    /** Positions, not record counts: transaction markers take offsets too, and read_committed skips aborted records. */
    private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p, KafkaSettings.WAIT) >= ends.get(p));
    }
}
