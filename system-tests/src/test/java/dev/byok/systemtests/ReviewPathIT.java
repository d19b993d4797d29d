package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.DeadLetterHeaders;
import dev.byok.model.ErrorCode;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The acceptance of the end-to-end path: the three services as their own processes, a real broker,
 * a real Redis and the simulator, driven only through the REST API and the public topics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewPathIT {

    private static final Duration OUTCOME_WITHIN = Duration.ofSeconds(60);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
    }

    @Test
    @Order(1)
    void aReviewIsServedByTheMainSlot() {
        String org = Slots.newOrgId("served");
        String mainKey = programmedKey(KeyBehaviour.ok().withContent("Main says: the null check on line 12 is missing."));
        saveSlot(org, "main", mainKey, null);
        saveSlot(org, "fallback", programmedKey(KeyBehaviour.ok()), null);

        send(ReviewTraffic.request(org + "-r1", org, "diff --git a/Api.java b/Api.java\n+ return user.name();"));
        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(outcome.content()).isEqualTo("Main says: the null check on line 12 is missing.");
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(outcome.metadata()).containsEntry("pullRequest", 4711);
        assertThat(outcome.attempts()).singleElement().satisfies(a -> {
            assertThat(a.slot()).isEqualTo(Slot.MAIN);
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
            assertThat(a.httpStatus()).isEqualTo(200);
        });
        assertThat(stack.simulator().stats(mainKey).succeeded()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aRateLimitedMainFallsBackAndBothAttemptsAreListed() {
        String org = Slots.newOrgId("limited");
        String mainKey = programmedKey(KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(2))));
        String fallbackKey = programmedKey(KeyBehaviour.ok().withContent("Fallback review."));
        saveSlot(org, "main", mainKey, null);
        saveSlot(org, "fallback", fallbackKey, null);

        send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
        assertThat(outcome.content()).isEqualTo("Fallback review.");
        assertThat(outcome.attempts()).hasSize(2);
        assertThat(outcome.attempts().get(0).slot()).isEqualTo(Slot.MAIN);
        assertThat(outcome.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.RATE_LIMITED);
        assertThat(outcome.attempts().get(0).httpStatus()).isEqualTo(429);
        assertThat(outcome.attempts().get(0).retryAfterMs()).isEqualTo(2000);
        assertThat(outcome.attempts().get(1).slot()).isEqualTo(Slot.FALLBACK);
        assertThat(outcome.attempts().get(1).outcome()).isEqualTo(AttemptOutcome.SUCCESS);
    }

    @Test
    @Order(3)
    void withoutAFallbackARateLimitedMainIsRetriedThenFailsTheReviewAndSaysWhy() {
        String org = Slots.newOrgId("nofallback");
        String key = programmedKey(KeyBehaviour.ok().failingAlways(Fault.rateLimited()));
        saveSlot(org, "main", key, null);

        send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(outcome.servedBy()).isNull();
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.MAIN_FAILED_NO_FALLBACK);
        assertThat(outcome.error().message()).contains("rate limited", "on each of 4 attempts",
                "No fallback slot is configured");
        assertThat(outcome.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.slot()).isEqualTo(Slot.MAIN);
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.RATE_LIMITED);
        });
        assertThat(stack.simulator().stats(key).requests()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void anOrgWithoutConfigGetsAFailedOutcomeAndNoTopic() throws Exception {
        String org = Slots.newOrgId("Unknown");

        send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.BYOK_NOT_CONFIGURED);
        assertThat(outcome.error().message()).contains(org, "PUT /api/v1/orgs/" + org + "/byok/main");
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            Set<String> topics = kafka.listTopics().names().get();
            assertThat(topics).doesNotContain(Topics.tenantTopic(org, Slot.MAIN), Topics.tenantTopic(org, Slot.FALLBACK));
            assertThat(topics).noneMatch(t -> t.contains(org.toLowerCase()));
        }
    }

    @Test
    @Order(5)
    void malformedJsonGoesToTheDeadLetterTopicWithTheReason() {
        String marker = "not-json-" + Slots.newOrgId("m");
        traffic.send("acme", ("{\"reviewId\": \"" + marker + "\", this is not json").getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<byte[], byte[]> dead = await().atMost(OUTCOME_WITHIN).until(() -> deadLetterContaining(marker),
                r -> r != null);

        String reason = new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).startsWith("not a valid ReviewRequested");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.REVIEWS_REQUESTED);
        assertThat(traffic.outcome(marker)).as("unreadable ids get no outcome").isEmpty();
    }

    @Test
    @Order(7)
    void aReviewRequestedTwiceGetsOneOutcomeAndTheDuplicateIsDeadLettered() {
        String org = Slots.newOrgId("twice");
        String key = programmedKey(KeyBehaviour.ok().withLatency(Duration.ofMillis(300)));
        saveSlot(org, "main", key, 4);
        dev.byok.model.ReviewRequested request = ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x");

        send(request);
        traffic.send(request);
        ReviewOutcome outcome = traffic.await(request.reviewId(), OUTCOME_WITHIN);
        ConsumerRecord<byte[], byte[]> duplicate = await().atMost(OUTCOME_WITHIN)
                .until(() -> deadLetterContaining(request.reviewId()), r -> r != null);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(new String(duplicate.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .startsWith("duplicate request");
        assertThat(stack.simulator().stats(key).requests()).isEqualTo(1);
        assertThat(traffic.outcomes(request.reviewId())).hasSize(1);
    }

    @Test
    @Order(6)
    void twoWorkersSharingAnOrgCappedAtTwoKeepExactlyTwoCallsInFlight() {
        String org = Slots.newOrgId("capped");
        String key = programmedKey(KeyBehaviour.ok().withLatency(Duration.ofMillis(400)).withConcurrencyCap(2));
        saveSlot(org, "main", key, 2);
        int reviews = 24;

        for (int i = 0; i < reviews; i++) {
            send(ReviewTraffic.request(org + "-r" + i, org, "diff --git a/f" + i + " b/f" + i));
        }
        for (int i = 0; i < reviews; i++) {
            assertThat(traffic.await(org + "-r" + i, OUTCOME_WITHIN).status()).isEqualTo(ReviewStatus.COMPLETED);
        }

        assertThat(stack.workers()).hasSize(2);
        List<Double> perWorker = stack.workers().stream().map(worker -> worker.metrics()
                .sum("byok_worker_attempts_total", Map.of("org", org, "slot", "main"))).toList();
        assertThat(perWorker).as("attempts per worker").allSatisfy(n -> assertThat(n).isPositive());
        assertThat(perWorker.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(reviews);
        assertThat(stack.simulator().stats(key).maxInFlight()).as("calls in flight at the provider").isEqualTo(2);
        assertThat(stack.simulator().stats(key).concurrencyRejections()).isZero();
        assertThat(stack.simulator().stats(key).succeeded()).isEqualTo(reviews);
    }

    private static void send(dev.byok.model.ReviewRequested request) {
        TestOrgs.REVIEWS_SENT.add(request.reviewId());
        traffic.send(request);
    }

    private static String programmedKey(KeyBehaviour behaviour) {
        return orgs.key(behaviour);
    }

    private static void saveSlot(String org, String slot, String key, Integer cap) {
        orgs.save(org, slot, key, cap);
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterContaining(String marker) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REVIEWS_DEAD_LETTER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return seen.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker)).findFirst()
                    .orElse(null);
        }
    }
}
