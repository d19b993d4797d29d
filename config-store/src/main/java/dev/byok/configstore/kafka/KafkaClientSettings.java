package dev.byok.configstore.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings every consume-transform-produce loop here shares (the dispatcher's and
 * the worker's): raw bytes, offsets committed only inside transactions, read_committed, and the
 * timing choices below. Each loop adds what is its own (group, batch sizes, subscription timing).
 * Why raw clients and not listener containers: docs/adr/0001-raw-kafka-clients.md.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** A consumer of {@code groupId} whose offsets go into the producer's transactions. */
    public static Map<String, Object> transactionalConsumer(Map<String, Object> base, String groupId) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A process that dies is noticed in seconds, not the client default of 45 s.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return config;
    }

    /** An idempotent producer, ready for a transactional id (set per producer instance). */
    public static Map<String, Object> transactionalProducer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSpec.MAX_MESSAGE_BYTES);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Our transactions last milliseconds. A process killed inside one leaves it open, and until the
        // coordinator aborts it, read_committed consumers of the results topic cannot read past it:
        // keep that window short (the client default is a minute).
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        // A transaction that follows the previous one closely is told CONCURRENT_TRANSACTIONS while
        // the coordinator still writes the previous one's markers, and asks again after this back-off:
        // the client default of 100 ms was most of the time of a review moved to its fallback.
        config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return config;
    }
}
