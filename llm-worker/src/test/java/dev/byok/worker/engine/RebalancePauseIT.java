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
 * split; when it leaves, its partition comes back to the first engine, whose lane is still paused.
 * Kafka hands it over unpaused. If the lane is paused for its count of reviews, the partition
 * fetches its share and then stops, so that it has turns to take; if the lane is over its bytes,
 * the engine pauses it before it is fetched from at all.
 */
class RebalancePauseIT {

    private static final int RECORDS_PER_PARTITION = 60;
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
    void aPartitionThatMovesToALanePausedForItsCountFetchesItsShareThenStops() throws Exception {
        try (Scenario scenario = scenario(64L << 20); ReviewEngine first = scenario.engine()) {
            first.start();
            // One poll may bring records of both partitions; each stops once it holds its share (5).
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2
                    && first.stats().queued() >= 10);
            int keptWhileSplit;
            try (ReviewEngine second = scenario.engine()) {
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 1
                        && second.stats().pausedPartitions() == 1);
                keptWhileSplit = first.stats().queued();
                assertThat(keptWhileSplit).as("the moved partition's reviews left with it")
                        .isBetween(5, RECORDS_PER_PARTITION);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2
                    && first.stats().queued() >= keptWhileSplit + 5);

            assertThat(first.stats().repausedOnAssignment()).as("the partition that came back was fetched from")
                    .isZero();
        }
    }

    @Test
    void aPartitionThatMovesToALaneOverItsBytesIsPausedOnArrival() throws Exception {
        // Each review is a few bytes: 100 bytes are a handful of them.
        try (Scenario scenario = scenario(100); ReviewEngine first = scenario.engine()) {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2
                    && first.stats().queued() > 0);
            int keptWhileSplit;
            try (ReviewEngine second = scenario.engine()) {
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 1
                        && second.stats().pausedPartitions() == 1);
                assertThat(first.stats().repausedOnAssignment()).as("nothing came back yet").isZero();
                keptWhileSplit = first.stats().queued();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pausedPartitions() == 2);

            assertThat(first.stats().repausedOnAssignment()).as("the partition that came back was paused on arrival")
                    .isEqualTo(1);
            assertThat(first.stats().queued()).as("and nothing was fetched from it").isEqualTo(keptWhileSplit);
        }
    }

    /** A fresh org with two partitions of backlog, and its only permit held by nobody who will release it. */
    private static Scenario scenario(long pauseAtQueuedBytes) throws Exception {
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
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
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
        return new Scenario(bootstrap, topic, gate, key, pauseAtQueuedBytes, heldElsewhere);
    }

    /** Closed, it deletes its topic: the next scenario's engines subscribe to every tenant topic. */
    private record Scenario(String bootstrap, String topic, RedisPermitGate gate, PermitKey key,
            long pauseAtQueuedBytes, Permit heldElsewhere) implements AutoCloseable {

        ReviewEngine engine() {
            return RebalancePauseIT.engine(bootstrap, gate, key, pauseAtQueuedBytes);
        }

        @Override
        public void close() throws Exception {
            heldElsewhere.release();
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static ReviewEngine engine(String bootstrap, RedisPermitGate gate, PermitKey key, long pauseAtQueuedBytes) {
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new ReviewEngine(consumer, producer, gate,
                (record, lane, caps, lease) -> {
                    throw new AssertionError("no permit is ever granted, so no review runs");
                },
                lane -> new SlotCaps(key, 1, 1), new EngineSettings(16, Duration.ofMillis(200), 10, pauseAtQueuedBytes, 20_000,
                        Duration.ofSeconds(5)),
                Duration.ofSeconds(1), Clock.systemUTC(), new SimpleMeterRegistry());
    }
}
