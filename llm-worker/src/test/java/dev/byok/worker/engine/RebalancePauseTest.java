package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.Infrastructure;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.worker.permits.Permit;
import dev.byok.worker.permits.PermitKey;
import dev.byok.worker.permits.RedisPermitGate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Two engines on a real broker and a real Redis, one org whose only permit is held elsewhere, so
 * its backlog never drains and its lane stays paused. When the second engine joins, the partitions
 * split; when it leaves, its partition comes back to the first engine, whose lane is still paused:
 * Kafka hands it over unpaused, and the engine must pause it before it is fetched from.
 */
class RebalancePauseTest {

    private static RedissonClient redisson;

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(Infrastructure.redisUrl());
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redisson.shutdown();
    }

    @Test
    void aPartitionThatMovesToAnEngineWhoseLaneIsPausedIsPausedOnArrival() throws Exception {
        String bootstrap = Infrastructure.kafkaBootstrapServers();
        String org = "repause-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = Topics.tenantTopic(org, Slot.MAIN);
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int partition = 0; partition < 2; partition++) {
                for (int i = 0; i < 60; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, ("{\"i\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
        String prefix = "byok-test-" + UUID.randomUUID() + ":";
        RedisPermitGate gate = new RedisPermitGate(redisson, prefix, Duration.ofMinutes(5), Clock.systemUTC());
        PermitKey key = new PermitKey(org, Slot.MAIN);
        Permit heldElsewhere = gate.tryAcquire(key, 1, 1, Duration.ZERO).orElseThrow();

        try (ReviewEngine first = engine(bootstrap, gate, key)) {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2);
            try (ReviewEngine second = engine(bootstrap, gate, key)) {
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 1
                        && second.stats().pausedPartitions() == 1);
                assertThat(first.stats().repausedOnAssignment()).as("nothing came back yet").isZero();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2);

            assertThat(first.stats().repausedOnAssignment()).as("the partition that came back was paused on arrival")
                    .isEqualTo(1);
        } finally {
            heldElsewhere.release();
        }
    }

    private static ReviewEngine engine(String bootstrap, RedisPermitGate gate, PermitKey key) {
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new ReviewEngine(consumer, producer, gate,
                (record, lane, caps, lease) -> {
                    throw new AssertionError("no permit is ever granted, so no review runs");
                },
                lane -> new SlotCaps(key, 1, 1), new EngineSettings(16, Duration.ofMillis(200), 10, 64L << 20, 20_000),
                Duration.ofSeconds(1), Clock.systemUTC(), new SimpleMeterRegistry());
    }
}
