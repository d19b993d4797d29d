package dev.byok.localstack;

import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a client of the system does on Kafka: produce review requests to the ingress topic and read
 * outcomes from the results topic with {@code read_committed}, as CONTRACTS §3 promises them. Every
 * outcome is kept per reviewId, so a test can tell one outcome from two.
 */
public final class ReviewTraffic implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, List<ReviewOutcome>> outcomes = new ConcurrentHashMap<>();
    private final CommittedReader reader;

    public ReviewTraffic(String bootstrapServers) {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = new KafkaProducer<>(producerConfig);
        this.reader = CommittedReader.start("review-traffic-reader", CommittedReader.consumer(bootstrapServers),
                Duration.ofMillis(200), ReviewTraffic::fromTheFirstOutcome, this::keep);
    }

    /** A realistic request: a system prompt and a diff for {@code orgId}. */
    public static ReviewRequested request(String reviewId, String orgId, String diff) {
        return new ReviewRequested(ReviewRequested.SCHEMA_VERSION, reviewId, orgId,
                List.of(new ChatMessage(MessageRole.SYSTEM, "You are a careful code reviewer. Point out bugs first."),
                        new ChatMessage(MessageRole.USER, diff)),
                Map.of("repository", orgId + "/api", "pullRequest", 4711), Instant.now());
    }

    public void send(ReviewRequested request) {
        send(request.orgId(), Json.lenient().writeValueAsBytes(request));
    }

    /** Many requests at once: all are sent, then this waits until the broker has every one. */
    public void sendAll(List<ReviewRequested> requests) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (ReviewRequested request : requests) {
            sent.add(producer.send(new ProducerRecord<>(Topics.REVIEWS_REQUESTED,
                    request.orgId().getBytes(StandardCharsets.UTF_8), Json.lenient().writeValueAsBytes(request))));
        }
        producer.flush();
        try {
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce the review requests", e);
        }
    }

    /** Raw bytes, for malformed requests. */
    public void send(String key, byte[] value) {
        sendTo(Topics.REVIEWS_REQUESTED, key, value);
    }

    /** Raw bytes to any topic, as anything with write access to it could: for tests of what services trust. */
    public void sendTo(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null
                    : key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce a review request", e);
        }
    }

    /** Waits for the review's first outcome. */
    public ReviewOutcome await(String reviewId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReviewOutcome> seen = outcomes.get(reviewId);
            if (seen != null && !seen.isEmpty()) {
                return seen.getFirst();
            }
            synchronized (outcomes) {
                try {
                    outcomes.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no outcome for review " + reviewId + " within " + timeout);
    }

    public Optional<ReviewOutcome> outcome(String reviewId) {
        List<ReviewOutcome> seen = outcomes.get(reviewId);
        return seen == null || seen.isEmpty() ? Optional.empty() : Optional.of(seen.getFirst());
    }

    /** Every outcome seen for the review: exactly one is the promise. */
    public List<ReviewOutcome> outcomes(String reviewId) {
        return List.copyOf(outcomes.getOrDefault(reviewId, List.of()));
    }

    public int outcomeCount() {
        return outcomes.values().stream().mapToInt(List::size).sum();
    }

    /** Every outcome on the results topic, once the topic exists. */
    private static void fromTheFirstOutcome(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        while (partitions.isEmpty()) {
            consumer.partitionsFor(Topics.REVIEWS_RESULTS, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private void keep(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ReviewOutcome outcome = Json.lenient().readValue(record.value(), ReviewOutcome.class);
            outcomes.computeIfAbsent(outcome.reviewId(), id -> new CopyOnWriteArrayList<>()).add(outcome);
        }
        synchronized (outcomes) {
            outcomes.notifyAll();
        }
    }

    @Override
    public void close() {
        reader.close();
        producer.close(Duration.ofSeconds(5));
    }
}
