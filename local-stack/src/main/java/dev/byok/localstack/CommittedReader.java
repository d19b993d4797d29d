package dev.byok.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} consumer of raw records, polled on a daemon thread of its own until
 * closed: how a client of the system reads what the services publish in transactions. The caller
 * assigns and positions the consumer, then hands it over with {@link #start}; closing wakes the
 * poll, waits for the thread and closes the consumer on it.
 */
public final class CommittedReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private CommittedReader(String name, KafkaConsumer<byte[], byte[]> consumer, Duration pollTimeout,
            Consumer<KafkaConsumer<byte[], byte[]>> beforePolling, Consumer<ConsumerRecords<byte[], byte[]>> onRecords) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                beforePolling.accept(consumer);
                while (running) {
                    onRecords.accept(consumer.poll(pollTimeout));
                }
            } catch (WakeupException closing) {
                // close()
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        });
    }

    /** A consumer without a group, reading only committed records, to be assigned by the caller. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config);
    }

    /**
     * Polls {@code consumer} on a new thread named {@code name}, giving every poll's records (empty
     * ones included) to {@code onRecords}; {@code beforePolling} runs first on that thread.
     */
    public static CommittedReader start(String name, KafkaConsumer<byte[], byte[]> consumer, Duration pollTimeout,
            Consumer<KafkaConsumer<byte[], byte[]>> beforePolling, Consumer<ConsumerRecords<byte[], byte[]>> onRecords) {
        CommittedReader reader = new CommittedReader(name, consumer, pollTimeout, beforePolling, onRecords);
        reader.thread.start();
        return reader;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
