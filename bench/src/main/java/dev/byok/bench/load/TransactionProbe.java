package dev.byok.bench.load;

import dev.byok.localstack.CommittedReader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A diagnostic, not a target: what one transaction shaped like a worker's (one record plus the
 * consumed offsets, then commit) costs on this broker, measured as the worker's poll thread
 * experiences it (beginTransaction until commitTransaction returns), and how long after the
 * commit returned a {@code read_committed} consumer (as the next stage is) gets the record.
 */
final class TransactionProbe {

    /** Commit latencies and commit-to-readable latencies, in ms. */
    record Latencies(Samples commit, Samples visible) {
    }

    private TransactionProbe() {
    }

    static Latencies measure(String bootstrapServers, int transactions) {
        return measure(bootstrapServers, transactions, 5, () -> false);
    }

    /** Transactions every {@code pauseMillis} until {@code transactions} were measured or {@code stop} says so. */
    static Latencies measure(String bootstrapServers, int transactions, long pauseMillis, BooleanSupplier stop) {
        String topic = "bench.txn-probe." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-txn-probe-" + UUID.randomUUID());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        List<Double> commits = new ArrayList<>();
        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        Map<Long, Long> readAt = new ConcurrentHashMap<>();
        try (Reader reader = new Reader(bootstrapServers, topic, readAt);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            ConsumerGroupMetadata group = new ConsumerGroupMetadata("bench-txn-probe");
            for (long i = 0; i < transactions + 20 && !stop.getAsBoolean(); i++) {
                byte[] value = ByteBuffer.allocate(1024).putLong(i).array();
                long start = System.nanoTime();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, value));
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(i)), group);
                producer.commitTransaction();
                long end = System.nanoTime();
                if (i >= 20) {
                    commits.add((end - start) / 1e6);
                    committedAt.put(i, end);
                }
                LoadClient.sleep(pauseMillis);
            }
            LoadClient.sleep(1_000);
        }
        List<Double> visible = new ArrayList<>();
        committedAt.forEach((i, at) -> {
            Long read = readAt.get(i);
            if (read != null) {
                visible.add(Math.max(0, read - at) / 1e6);
            }
        });
        return new Latencies(Samples.of(commits), Samples.of(visible));
    }

    /** A read_committed consumer of the probe topic with Kafka's default fetch settings, like the services'. */
    private static final class Reader implements AutoCloseable {

        private final CommittedReader reader;

        Reader(String bootstrapServers, String topic, Map<Long, Long> readAt) {
            KafkaConsumer<byte[], byte[]> consumer = CommittedReader.consumer(bootstrapServers);
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            consumer.position(tp);
            reader = CommittedReader.start("txn-probe-reader", consumer, Duration.ofMillis(100), c -> {
            }, records -> records.forEach(
                    record -> readAt.putIfAbsent(ByteBuffer.wrap(record.value()).getLong(), System.nanoTime())));
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
