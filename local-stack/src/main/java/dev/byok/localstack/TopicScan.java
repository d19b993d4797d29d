package dev.byok.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every byte of every topic on the broker, internal ones included, aborted transactions
 * included, so a test can prove that a secret appears nowhere on Kafka.
 */
public final class TopicScan {

    private TopicScan() {
    }

    /** Every record's key, value and header values, as raw bytes, per topic. */
    public static Map<String, List<byte[]>> readEverything(String bootstrapServers) {
        Map<String, List<byte[]>> chunks = new HashMap<>();
        forEachChunk(bootstrapServers, (topic, bytes) -> chunks.computeIfAbsent(topic, t -> new ArrayList<>()).add(bytes));
        return chunks;
    }

    /**
     * Hands every record's key, value, header keys and header values to {@code sink} with the record's
     * topic, as they are read: a scan of everything a long run left on the broker need not hold it all.
     */
    public static void forEachChunk(String bootstrapServers, BiConsumer<String, byte[]> sink) {
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig); KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                        ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, false))) {
            Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get(30, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    add(sink, record.topic(), record.key());
                    add(sink, record.topic(), record.value());
                    for (Header header : record.headers()) {
                        add(sink, record.topic(), header.key().getBytes(StandardCharsets.UTF_8));
                        add(sink, record.topic(), header.value());
                    }
                }
            }
            if (!reachedEnd(consumer, ends)) {
                throw new IllegalStateException("could not read every topic to its end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics", e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void add(BiConsumer<String, byte[]> sink, String topic, byte[] bytes) {
        if (bytes != null) {
            sink.accept(topic, bytes);
        }
    }
}
