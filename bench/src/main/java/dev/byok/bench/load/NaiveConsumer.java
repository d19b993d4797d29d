package dev.byok.bench.load;

import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.ReviewRequested;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a team writes on day one: a plain Kafka consumer that hands each review to a fixed thread
 * pool, which calls the provider's chat-completions endpoint directly. No permits: the provider's
 * cap is unknown to it. On a 429 (or any failure) a thread sleeps with exponential back-off and
 * full jitter (200 ms doubling, at most 5 s) and tries again until the review is served. Offsets
 * are auto-committed.
 */
final class NaiveConsumer implements AutoCloseable {

    private static final Pattern SAFE_MODEL = Pattern.compile("[A-Za-z0-9._:-]+");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ExecutorService pool;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Thread poller;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastServedNanos = new AtomicLong();
    private volatile boolean running = true;

    NaiveConsumer(String bootstrapServers, String topic, String groupId, int threads, String baseUrl, String apiKey,
            String model) {
        if (!SAFE_MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("model");
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        this.pool = Executors.newFixedThreadPool(threads);
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.poller = Thread.ofPlatform().name("naive-consumer").daemon().unstarted(this::poll);
        poller.start();
    }

    long served() {
        return served.get();
    }

    long lastServedNanos() {
        return lastServedNanos.get();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    pool.execute(() -> serve(record.value()));
                }
            }
        } catch (WakeupException closing) {
            // close()
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void serve(byte[] value) {
        ReviewRequested review = Json.lenient().readValue(value, ReviewRequested.class);
        ObjectNode body = Json.lenient().createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : review.messages()) {
            messages.addObject().put("role", message.role().wire()).put("content", message.content());
        }
        byte[] bytes = Json.lenient().writeValueAsBytes(body);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + apiKey).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        for (int attempt = 0; running; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    served.incrementAndGet();
                    lastServedNanos.set(System.nanoTime());
                    return;
                }
            } catch (IOException e) {
                // try again, like any other failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long backoff = Math.min(5_000, 200L << Math.min(attempt, 10));
            LoadClient.sleep(ThreadLocalRandom.current().nextLong(backoff + 1));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        pool.shutdownNow();
        try {
            poller.join(5_000);
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
