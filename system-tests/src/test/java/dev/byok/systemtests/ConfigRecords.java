package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The config topic as a test that plays the attacker (or an older version) sees it: read an org's
 * last record, write a record no config-service wrote.
 */
final class ConfigRecords {

    /**
     * Marks a record a test wrote in place of a service (forged, or junk on purpose), so that the
     * check that what the services produce follows the schemas ({@link RecordsMatchSchemasIT})
     * leaves it out.
     */
    static final String FORGED_BY_TEST = "byok.test.forged";

    private ConfigRecords() {
    }

    /** The org's last committed record on the config topic. */
    static OrgConfigChanged latest(String bootstrapServers, String org) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONFIGS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            OrgConfigChanged latest = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (org.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        latest = Json.lenient().readValue(record.value(), OrgConfigChanged.class);
                    }
                }
            }
            assertThat(latest).as("the org's config on the topic").isNotNull();
            return latest;
        }
    }

    /** Writes {@code config} to the config topic, keyed by its org, as no config-service would. */
    static void publish(String bootstrapServers, OrgConfigChanged config) {
        publishRaw(bootstrapServers, config.orgId(), Json.lenient().writeValueAsBytes(config));
    }

    /** Writes any bytes to the config topic under {@code key}, marked {@link #FORGED_BY_TEST}. */
    static void publishRaw(String bootstrapServers, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CONFIGS, key, value);
            record.headers().add(FORGED_BY_TEST, "1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
