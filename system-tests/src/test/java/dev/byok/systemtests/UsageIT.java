package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import dev.byok.model.Json;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.model.Usage;
import dev.byok.simulator.KeyBehaviour;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The usage ledger counts every served review once: a hundred reviews served by three workers sum to
 * exactly the tokens the outcomes carry (what the provider reported), priced from the price table;
 * an outcome read twice adds nothing.
 */
// After the tests that count the shared stack's workers (CapsAndFairnessIT, CrashIT, DrainIT): this one
// starts a third worker and leaves it running for the checks that run last.
@Order(Integer.MAX_VALUE - 3)
class UsageIT {

    private static final Duration OUTCOME_WITHIN = Duration.ofSeconds(120);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
        SystemUnderTest.atLeastWorkers(3);
    }

    @Test
    void aHundredReviewsOverThreeWorkersAreCountedExactly() {
        String org = Slots.newOrgId("usage");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(30))), 6, "glm-5.1");

        List<String> ids = orgs.sendAll(traffic, org, 100);
        long reviews = 0;
        long input = 0;
        long output = 0;
        long reasoning = 0;
        long cached = 0;
        for (String id : ids) {
            ReviewOutcome outcome = traffic.await(id, OUTCOME_WITHIN);
            assertThat(outcome.status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
            Usage usage = outcome.usage();
            reviews++;
            input += usage.inputTokens();
            output += usage.outputTokens();
            reasoning += usage.reasoningTokens() == null ? 0 : usage.reasoningTokens();
            cached += usage.cachedTokens();
        }
        assertThat(cached).as("the simulator reports a prompt cache").isPositive();
        long[] expected = {reviews, input, output, reasoning, cached};

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode total = onlyTotal(orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok/usage", null, null));
            assertThat(new long[] {total.path("reviews").asLong(), total.path("inputTokens").asLong(),
                    total.path("outputTokens").asLong(), total.path("reasoningTokens").asLong(),
                    total.path("cachedTokens").asLong()}).containsExactly(expected);
        });
        ByokApi.Response report = orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok/usage?granularity=hour", null,
                null);
        JsonNode total = onlyTotal(report);
        assertThat(total.path("slot").asString()).isEqualTo("main");
        assertThat(total.path("provider").asString()).isEqualTo("openai_compatible");
        assertThat(total.path("model").asString()).isEqualTo("glm-5.1");
        // glm-5.1 in the shipped price table: 1.40 input, 0.26 cached input, 4.40 output per million tokens
        BigDecimal cost = new BigDecimal("1.40").multiply(BigDecimal.valueOf(input - cached))
                .add(new BigDecimal("0.26").multiply(BigDecimal.valueOf(cached)))
                .add(new BigDecimal("4.40").multiply(BigDecimal.valueOf(output)))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
        assertThat(total.path("estimatedCostUsd").decimalValue()).isEqualByComparingTo(cost);
        assertThat(Json.lenient().readTree(report.body()).path("unpriced")).isEmpty();
    }

    @Test
    void anOutcomeReadTwiceIsCountedOnce() throws Exception {
        String org = Slots.newOrgId("usage-dup");
        ReviewOutcome outcome = new ReviewOutcome(ReviewOutcome.SCHEMA_VERSION, "usage-dup-" + UUID.randomUUID(), org,
                ReviewStatus.COMPLETED, Slot.MAIN, ProviderId.ANTHROPIC, "claude-sonnet-4-6", "ok", FinishReason.STOP,
                new Usage(1000L, 200L, 50L, 400L), List.of(new Attempt(Slot.MAIN, ProviderId.ANTHROPIC,
                        "claude-sonnet-4-6", AttemptOutcome.SUCCESS, 200, 120, Instant.now(), null, null)),
                null, Map.of(), Instant.now());
        byte[] value = Json.lenient().writeValueAsBytes(outcome);

        RecordMetadata second;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.REVIEWS_RESULTS, outcome.reviewId(), value)).get();
            second = producer.send(new ProducerRecord<>(Topics.REVIEWS_RESULTS, outcome.reviewId(), value)).get();
        }
        TopicPartition partition = new TopicPartition(second.topic(), second.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("byok-usage-ledger")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > second.offset();
            });
        }

        JsonNode total = onlyTotal(orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok/usage", null, null));
        assertThat(total.path("reviews").asLong()).isEqualTo(1);
        assertThat(total.path("inputTokens").asLong()).isEqualTo(1000);
        assertThat(total.path("cachedTokens").asLong()).isEqualTo(400);
        // claude-sonnet-4-6: (600 x 3.00 + 400 x 0.30 + 200 x 15.00) / 1e6
        assertThat(total.path("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.004920");

        ByokApi member = stack.api(stack.tokens().forOrgs(List.of(Slots.newOrgId("other")), Duration.ofMinutes(5)));
        assertThat(member.send("GET", "/api/v1/orgs/" + org + "/byok/usage", null, null).status()).isEqualTo(403);
        assertThat(member.send("GET", "/api/v1/usage", null, null).status()).isEqualTo(403);
        ByokApi.Response all = orgs.admin().send("GET", "/api/v1/usage", null, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("\"orgId\":\"" + org + "\"");
        ByokApi.Response bad = orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok/usage?granularity=week", null, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("granularity");
    }

    private static JsonNode onlyTotal(ByokApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode totals = Json.lenient().readTree(response.body()).path("totals");
        assertThat(totals).as(response.body()).hasSize(1);
        return totals.get(0);
    }
}
