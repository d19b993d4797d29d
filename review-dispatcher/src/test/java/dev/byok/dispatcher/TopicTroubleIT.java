package dev.byok.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.DeploymentDefault;
import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.localstack.Infrastructure;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import dev.byok.dispatcher.backlog.BacklogMeter;
import dev.byok.dispatcher.topics.RecreationGuard;
import dev.byok.dispatcher.topics.RetirementRule;
import dev.byok.dispatcher.topics.TopicRetirement;
import org.junit.jupiter.api.Test;

/**
 * A real broker that refuses the tenant topics of a request (they ask for a replication factor the
 * single broker cannot give, as a misconfigured deployment or a topic policy would): the dispatcher
 * does not stop. It rewinds the batch and reads it again, backing off; once the topics exist (an
 * operator fixed it), the very same request is forwarded, once.
 */
class TopicTroubleIT {

    @Test
    void aRefusedTopicRewindsTheBatchAndTheRequestGoesThroughOnceTheTopicsExist() throws Exception {
        String bootstrap = Infrastructure.kafkaBootstrapServers();
        Map<String, Object> base = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String org = "trouble-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewId = "r-" + UUID.randomUUID();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(base)) {
            new TopicProvisioner(admin, Optional.empty()).ensure(List.of(TopicSpec.configs(1),
                    TopicSpec.reviews(Topics.REVIEWS_REQUESTED, 1), TopicSpec.reviews(Topics.REVIEWS_RESULTS, 1),
                    TopicSpec.reviews(Topics.REVIEWS_DEAD_LETTER, 1)));
            try (ConfigTopicView view = new ConfigTopicView(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    admin)) {
                view.start();
                assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
                DeploymentDefault anyOrgIsServed = DeploymentDefault.from(Map.of("BYOK_DEFAULT_MAIN_PROVIDER", "openai",
                        "BYOK_DEFAULT_MAIN_MODEL", "gpt-4o-mini")::get);
                TopicProvisioner refusing = new TopicProvisioner(admin, Optional.of((short) 3));
                try (TopicRetirement never = new TopicRetirement(admin, BacklogMeter.WORKER_GROUP, base,
                        new RetirementRule(Duration.ZERO, Duration.ZERO), org2 -> true, topics -> { }, Duration.ofMinutes(5),
                        Clock.systemUTC(), meters);
                        DispatchLoop loop = new DispatchLoop(base, base, new IngressRouter(new RequestReader(1 << 20),
                        Clock.systemUTC()), view, anyOrgIsServed, refusing, new RecreationGuard(admin, BacklogMeter.WORKER_GROUP),
                        never, 1, meters, dev.byok.configstore.tracing.ReviewTracing.NOOP)) {
                    loop.start();
                    send(bootstrap, org, reviewId);

                    // Read again and again, not given up on: at least two rewinds of the same batch.
                    await().atMost(Duration.ofSeconds(90)).until(() -> rewound(meters) >= 2);
                    assertThat(loop.isHealthy()).isFalse();
                    assertThat(admin.listTopics().names().get()).doesNotContain(Topics.tenantTopic(org, Slot.MAIN));

                    admin.createTopics(List.of(new NewTopic(Topics.tenantTopic(org, Slot.MAIN), 1, (short) 1),
                            new NewTopic(Topics.tenantTopic(org, Slot.FALLBACK), 1, (short) 1))).all().get();

                    List<String> forwarded = forwardedReviewIds(bootstrap, Topics.tenantTopic(org, Slot.MAIN));
                    assertThat(forwarded).containsExactly(reviewId);
                    await().atMost(Duration.ofSeconds(30)).until(loop::isHealthy);
                }
            }
        }
    }

    private static double rewound(SimpleMeterRegistry meters) {
        return meters.find("byok.dispatcher.batches.rewound").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void send(String bootstrap, String org, String reviewId) throws Exception {
        String json = """
                {"schemaVersion":1,"reviewId":"%s","orgId":"%s","messages":[{"role":"user","content":"diff"}],
                 "requestedAt":"2026-11-26T12:00:00Z"}""".formatted(reviewId, org);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.REVIEWS_REQUESTED, reviewId.getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Everything committed on the topic within a minute of the first record, then 3 s more for a duplicate. */
    private static List<String> forwardedReviewIds(String bootstrap, String topic) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(new String(r.key(), StandardCharsets.UTF_8));
                }
                return !ids.isEmpty();
            });
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> ids.add(new String(r.key(), StandardCharsets.UTF_8)));
            }
        }
        return ids;
    }
}
