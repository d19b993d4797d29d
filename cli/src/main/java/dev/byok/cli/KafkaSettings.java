package dev.byok.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is, and how to connect to it (TLS, SASL) when it needs more than an address. */
final class KafkaSettings {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Option(names = "--bootstrap", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", paramLabel = "HOST:PORT",
            description = "the Kafka cluster (KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--kafka-config", defaultValue = "${env:BYOK_KAFKA_CONFIG}", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) (BYOK_KAFKA_CONFIG)")
    Path config;

    private Map<String, Object> common() {
        Map<String, Object> settings = new HashMap<>();
        if (config != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(config)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UserError("cannot read the Kafka client properties " + config + ": " + e.getClass().getSimpleName());
            }
            properties.forEach((name, value) -> settings.put((String) name, value));
        }
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "byok-cli");
        return settings;
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> settings = common();
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() * 2);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        return new KafkaProducer<>(settings);
    }

    /** A consumer without a group: it reads what it is told to, commits nothing, and sees only committed records. */
    KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> settings = common();
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        return new KafkaConsumer<>(settings);
    }

    /** The topic's partitions, or a one-line reason why there are none. */
    List<PartitionInfo> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, WAIT);
        } catch (TimeoutException e) {
            throw new UserError("cannot reach Kafka at " + bootstrap + " within " + WAIT.toSeconds()
                    + " s (set KAFKA_BOOTSTRAP_SERVERS or --bootstrap)");
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new UserError("topic " + topic + " does not exist at " + bootstrap + " (the services create it when they"
                    + " start)");
        }
        return partitions;
    }

    String unreachable() {
        return "cannot reach Kafka at " + bootstrap + " within " + WAIT.toSeconds()
                + " s (set KAFKA_BOOTSTRAP_SERVERS or --bootstrap)";
    }
}
