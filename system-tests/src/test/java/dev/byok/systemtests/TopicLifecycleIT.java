package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.EmbeddedKafkaCluster;
import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.ErrorCode;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import dev.byok.model.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant topics of orgs that no longer use them are removed by the dispatcher, and nothing is lost:
 * a review that comes afterwards is served on topics made again (or answered BYOK_NOT_CONFIGURED
 * when the config is gone), and a review still in flight keeps its topics until it is served. Its
 * own broker and stack, with retentions of seconds instead of days.
 */
class TopicLifecycleIT {

    private static final Duration IDLE_RETENTION = Duration.ofSeconds(8);
    private static EmbeddedKafkaCluster kafka;
    private static ProviderSimulator simulator;
    private static Stack stack;
    private static ReviewTraffic traffic;
    private static ByokApi api;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaCluster.start(0);
        simulator = ProviderSimulator.start();
        stack = Stack.start(Path.of("target", "topic-lifecycle-run"), kafka.bootstrapServers(), Infrastructure.redisUrl(),
                simulator, 1, Map.of(
                        "LOGGING_LEVEL_DEV_BYOK", "DEBUG",
                        "BYOK_IDLE_TOPIC_RETENTION", IDLE_RETENTION.toSeconds() + "s",
                        "BYOK_UNCONFIGURED_TOPIC_RETENTION", "1s",
                        "BYOK_TOPIC_SWEEP_INTERVAL", "1s",
                        "BYOK_TOPIC_DISCOVERY_INTERVAL", "1s",
                        "BYOK_REQUEST_TIMEOUT", "60s",
                        "SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "6000",
                        "SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "2000"));
        traffic = new ReviewTraffic(kafka.bootstrapServers());
        api = stack.api(stack.tokens().admin(Duration.ofHours(1)));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void noKeyAppearsInTheRunsTopicsOrLogsThenStop() {
        try {
            assertThat(SecretScan.findings(stack, TestOrgs.KEYS_USED)).isEmpty();
        } finally {
            admin.close();
            traffic.close();
            stack.close();
            simulator.close();
            kafka.close();
        }
    }

    @Test
    void anIdleOrgsTopicsAreRemovedAndItsNextReviewsAreServedOnNewOnes() throws Exception {
        String org = configuredOrg(KeyBehaviour.ok().withContent("first"));
        assertThat(serve(org + "-r1").status()).isEqualTo(ReviewStatus.COMPLETED);

        awaitRemoved(org);

        // More reviews than the old topic's offsets: a worker that read the new topic from where it
        // had been on the old one would skip the first of them.
        List<String> later = List.of(org + "-r2", org + "-r3", org + "-r4", org + "-r5", org + "-r6");
        later.forEach(id -> traffic.send(ReviewTraffic.request(id, org, "diff --git a/x b/x")));
        for (String id : later) {
            assertThat(traffic.await(id, Duration.ofSeconds(90)).status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
        }
        assertThat(topicNames()).contains(Topics.tenantTopic(org, Slot.MAIN), Topics.tenantTopic(org, Slot.FALLBACK));
        assertThat(stack.dispatcher().metrics().sum("byok_tenant_topics_removed_total",
                Map.of("org_configured", "true"))).isGreaterThanOrEqualTo(1);
        for (String id : later) {
            assertThat(traffic.outcomes(id)).as("exactly one outcome of " + id).hasSize(1);
        }
    }

    @Test
    void deletingAnOrgsConfigRemovesItsTopicsAndALaterReviewIsAnsweredNotConfigured() throws Exception {
        String org = configuredOrg(KeyBehaviour.ok());
        assertThat(serve(org + "-r1").status()).isEqualTo(ReviewStatus.COMPLETED);

        assertThat(api.deleteSlot(org, "main").status()).isEqualTo(204);
        awaitRemoved(org);

        ReviewOutcome afterwards = serve(org + "-r2");
        assertThat(afterwards.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(afterwards.error().code()).isEqualTo(ErrorCode.BYOK_NOT_CONFIGURED);
        assertThat(stack.dispatcher().metrics().sum("byok_tenant_topics_removed_total",
                Map.of("org_configured", "false"))).isGreaterThanOrEqualTo(1);
        assertThat(topicNames()).doesNotContain(Topics.tenantTopic(org, Slot.MAIN));
    }

    @Test
    void aReviewInFlightKeepsItsTopicsPastTheRetentionUntilItIsServed() throws Exception {
        // The call outlasts the idle retention counted from the review's own write.
        String key = Slots.newKey();
        String org = configuredOrg(key, KeyBehaviour.ok().withLatency(IDLE_RETENTION.plusSeconds(10)));
        traffic.send(ReviewTraffic.request(org + "-slow", org, "diff --git a/x b/x"));
        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.stats(key).inFlight() == 1);
        double keptBefore = kept();

        // Due and looked at (kept) at least once while the call runs, and its topics still there.
        await().atMost(IDLE_RETENTION.plusSeconds(8)).until(() -> kept() > keptBefore);
        assertThat(simulator.stats(key).inFlight()).as("the call is still running").isEqualTo(1);
        assertThat(topicNames()).contains(Topics.tenantTopic(org, Slot.MAIN), Topics.tenantTopic(org, Slot.FALLBACK));

        ReviewOutcome outcome = traffic.await(org + "-slow", Duration.ofSeconds(90));
        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        awaitRemoved(org);
        assertThat(traffic.outcomes(org + "-slow")).hasSize(1);
    }

    @Test
    void requestsNotKeyedByTheirOrgAreServedOnceThroughTheOrgsOwnIngressPartition() throws Exception {
        String org = configuredOrg(KeyBehaviour.ok());
        int partitions = admin.describeTopics(List.of(Topics.REVIEWS_REQUESTED)).allTopicNames().get()
                .get(Topics.REVIEWS_REQUESTED).partitions().size();
        assertThat(partitions).as("a test of several ingress partitions").isGreaterThan(1);
        double rekeyedBefore = rekeyed();

        List<String> ids = new java.util.ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < 2; i++) {
                    String id = org + "-p" + partition + "-" + i;
                    ids.add(id);
                    // Keyed by review id and put on every partition: as a producer that ignores the contract.
                    producer.send(new ProducerRecord<>(Topics.REVIEWS_REQUESTED, partition,
                            id.getBytes(StandardCharsets.UTF_8), Json.lenient().writeValueAsBytes(
                                    ReviewTraffic.request(id, org, "diff --git a/x b/x")))).get();
                }
            }
        }

        for (String id : ids) {
            assertThat(traffic.await(id, Duration.ofSeconds(90)).status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
        }
        assertThat(rekeyed() - rekeyedBefore).as("those read from another partition than the org's")
                .isEqualTo(2.0 * (partitions - 1));
        assertThat(ids).allSatisfy(id -> assertThat(traffic.outcomes(id)).as(id).hasSize(1));
    }

    private static double rekeyed() {
        return stack.dispatcher().metrics().sum("byok_dispatcher_requests_total", Map.of("route", "rekeyed"));
    }

    private static String configuredOrg(KeyBehaviour behaviour) {
        return configuredOrg(Slots.newKey(), behaviour);
    }

    private static String configuredOrg(String key, KeyBehaviour behaviour) {
        String org = Slots.newOrgId("idle");
        simulator.program(key, behaviour);
        TestOrgs.KEYS_USED.add(key);
        assertThat(api.putSlot(org, "main", Slots.compatible(simulator.rootUrl() + "/v1", "glm-5.1", key, 2)).status())
                .isEqualTo(200);
        return org;
    }

    private static ReviewOutcome serve(String reviewId) {
        String org = reviewId.substring(0, reviewId.lastIndexOf('-'));
        traffic.send(ReviewTraffic.request(reviewId, org, "diff --git a/x b/x"));
        return traffic.await(reviewId, Duration.ofSeconds(90));
    }

    private static void awaitRemoved(String org) {
        await().atMost(IDLE_RETENTION.plusSeconds(60)).until(() -> !topicNames().contains(Topics.tenantTopic(org, Slot.MAIN))
                && !topicNames().contains(Topics.tenantTopic(org, Slot.FALLBACK)));
    }

    private static double kept() {
        return stack.dispatcher().metrics().sum("byok_tenant_topics_kept_total", Map.of());
    }

    private static Set<String> topicNames() throws Exception {
        return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }
}
