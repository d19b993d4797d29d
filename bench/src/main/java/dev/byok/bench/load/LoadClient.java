package dev.byok.bench.load;

import dev.byok.localstack.CommittedReader;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's client of the system: produces review requests to the ingress topic (or any
 * topic) and reads outcomes with {@code read_committed}, stamping both ends with this JVM's
 * monotonic clock, so request-to-outcome latency is measured where a client would see it.
 */
public final class LoadClient implements AutoCloseable {

    /** When a request was handed to the producer. */
    public record Sent(long nanos, Instant wall) {
    }

    /** The first outcome of a review and when this client read it. */
    public record Received(ReviewOutcome outcome, long nanos, Instant wall) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicReference<Exception> lastSendFailure = new AtomicReference<>();
    private final CommittedReader reader;

    public LoadClient(String bootstrapServers) {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerConfig.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(producerConfig);

        KafkaConsumer<byte[], byte[]> consumer = CommittedReader.consumer(bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.REVIEWS_RESULTS, Duration.ofSeconds(30))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: only outcomes from here on are read
        this.reader = CommittedReader.start("load-client-reader", consumer, Duration.ofMillis(100), c -> {
        }, this::receive);
    }

    /** Produces a review request to the ingress topic, keyed by its org (CONTRACTS §3.1). */
    public void send(String orgId, String reviewId, byte[] json) {
        send(Topics.REVIEWS_REQUESTED, orgId, reviewId, json);
    }

    /** Produces {@code json} to {@code topic} with {@code key}; the request counts as sent now. */
    public void send(String topic, String key, String reviewId, byte[] json) {
        sent.put(reviewId, new Sent(System.nanoTime(), Instant.now()));
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), json), (metadata, error) -> {
            if (error != null) {
                sendFailures.incrementAndGet();
                lastSendFailure.set(error);
            }
        });
    }

    public void flush() {
        producer.flush();
        if (sendFailures.get() > 0) {
            throw new IllegalStateException(sendFailures.get() + " requests could not be produced",
                    lastSendFailure.get());
        }
    }

    public Sent sent(String reviewId) {
        return sent.get(reviewId);
    }

    public Received received(String reviewId) {
        return received.get(reviewId);
    }

    public long count(Collection<String> reviewIds) {
        return reviewIds.stream().filter(received::containsKey).count();
    }

    /** Outcomes read beyond the first for some review: the promise is zero. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Waits until every review has an outcome; false if {@code timeout} passed first. */
    public boolean awaitAll(Collection<String> reviewIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(reviewIds) == reviewIds.size()) {
                return true;
            }
            sleep(20);
        }
        return count(reviewIds) == reviewIds.size();
    }

    private void receive(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        long nanos = System.nanoTime();
        Instant wall = Instant.now();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ReviewOutcome outcome = Json.lenient().readValue(record.value(), ReviewOutcome.class);
            if (received.putIfAbsent(outcome.reviewId(), new Received(outcome, nanos, wall)) != null) {
                duplicates.incrementAndGet();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        reader.close();
        producer.close(Duration.ofSeconds(5));
    }
}
