package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.BudgetAlert;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Topics;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Budgets and request quotas hold across three workers: a backlog against a token budget never spends
 * more than the budget (each review's estimate is an upper bound when its slot sets maxTokens) and the
 * reviews it has no room for fail with BUDGET_EXCEEDED and the reset time; the one 80 % alert is
 * published once; a quota of 10 requests per minute is never exceeded in any minute, and the reviews
 * beyond it wait and complete.
 */
// After the tests that count the shared stack's workers (CapsAndFairnessIT, CrashIT, DrainIT): this one
// starts a third worker and leaves it running for the checks that run last.
@Order(Integer.MAX_VALUE - 2)
class SpendLimitsIT {

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
    void aBacklogAgainstATokenBudgetNeverOvershootsItAndTheRestFailWithTheResetTime() {
        String org = Slots.newOrgId("budget");
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(50)));
        orgs.saveJson(org, "main", key, """
                {"provider":"openai_compatible","model":"glm-5.1","baseUrl":"%s","apiKey":"%s",\
                "maxConcurrentRequests":6,"maxTokens":200}""".formatted(stack.simulatorBaseUrl(), key));
        ByokApi.Response set = orgs.admin().send("PUT", "/api/v1/orgs/" + org + "/byok/budget",
                "{\"tokensPerDay\":2000,\"onExceeded\":\"fail\",\"alertAt\":0.8}", null);
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        List<String> ids = orgs.sendAll(traffic, org, 90);
        long spent = 0;
        int completed = 0;
        int refused = 0;
        for (String id : ids) {
            ReviewOutcome outcome = traffic.await(id, Duration.ofSeconds(120));
            if (outcome.status() == ReviewStatus.COMPLETED) {
                completed++;
                spent += outcome.usage().inputTokens() + outcome.usage().outputTokens();
            } else {
                refused++;
                assertThat(outcome.error().code()).as(outcome.error().message()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                assertThat(outcome.error().message()).contains("tokensPerDay", "resets at");
                assertThat(outcome.attempts()).as("no call was made").isEmpty();
            }
        }
        System.out.printf("Budget 2000 tokens/day, 90 reviews over 3 workers: %d served spending %d tokens, %d refused%n",
                completed, spent, refused);
        assertThat(spent).isLessThanOrEqualTo(2000);
        assertThat(completed).isPositive();
        assertThat(refused).isPositive();
        assertThat(stack.simulator().stats(key).succeeded()).as("every call the provider answered was counted")
                .isEqualTo(completed);

        List<BudgetAlert> alerts = await().atMost(Duration.ofSeconds(30))
                .until(() -> alertsOf(org), a -> !a.isEmpty());
        assertThat(alerts).extracting(BudgetAlert::limit, BudgetAlert::threshold)
                .containsExactly(tuple("tokensPerDay", 0.8));

        long spentTokens = spent;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            dev.byok.localstack.PrometheusText configMetrics = new dev.byok.localstack.PrometheusText(
                    orgs.admin().send("GET", "/actuator/prometheus", null, null).body());
            assertThat(configMetrics.sum("byok_budget_spent", Map.of("org", org, "limit", "tokensPerDay")))
                    .isEqualTo(spentTokens);
            assertThat(configMetrics.sum("byok_budget_remaining", Map.of("org", org, "limit", "tokensPerDay")))
                    .isEqualTo(2000 - spentTokens);
        });
        ByokApi.Response badBudget = orgs.admin().send("PUT", "/api/v1/orgs/" + org + "/byok/budget",
                "{\"tokensPerDay\":0}", null);
        assertThat(badBudget.status()).isEqualTo(400);
        assertThat(badBudget.body()).contains("tokensPerDay");
        assertThat(orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok", null, null).body())
                .contains("\"budget\":{\"tokensPerDay\":2000");
    }

    @Test
    void aQuotaOfTenRequestsPerMinuteHoldsAcrossThreeWorkersAndTheRestWait() {
        String org = Slots.newOrgId("quota");
        String key = orgs.key(KeyBehaviour.ok());
        orgs.saveJson(org, "main", key, """
                {"provider":"openai_compatible","model":"glm-5.1","baseUrl":"%s","apiKey":"%s","maxConcurrentRequests":6,\
                "requestQuota":{"requests":10,"window":"PT1M","onExceeded":"wait"}}""".formatted(stack.simulatorBaseUrl(), key));

        List<String> ids = orgs.sendAll(traffic, org, 14);
        for (String id : ids) {
            assertThat(traffic.await(id, Duration.ofSeconds(150)).status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
        }

        List<Instant> calls = stack.simulator().capturedRequests(key).stream()
                .filter(r -> r.path().endsWith("/chat/completions")).map(CapturedRequest::receivedAt).sorted().toList();
        assertThat(calls).hasSize(14);
        for (int i = 0; i + 10 < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i), calls.get(i + 10))).as("11 calls within a minute")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        }
    }

    private static List<BudgetAlert> alertsOf(String org) {
        List<BudgetAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_ALERTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (org.equals(r.key())) {
                        alerts.add(Json.lenient().readValue(r.value(), BudgetAlert.class));
                    }
                });
            }
        }
        return alerts;
    }
}
