package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.localstack.conformance.ConformanceCases;
import dev.byok.localstack.conformance.ServiceAccountKeys;
import dev.byok.localstack.conformance.WireCheck;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Usage;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every shared conformance case through the whole real path: the slot saved through the REST API,
 * a review requested on Kafka, dispatched, served by a worker, and the request that reaches the
 * simulator (standing in for the provider under the case's base path) compared with the case's
 * expected request. Cases that must be refused are refused by the save with a 400.
 */
class ConformanceIT {

    @Test
    void everyCaseReachesTheProviderExactlyAsExpected() {
        Stack stack = SystemUnderTest.stack();
        ReviewTraffic traffic = SystemUnderTest.traffic();
        ByokApi admin = stack.api(stack.tokens().admin(Duration.ofHours(1)));
        List<JsonNode> cases = ConformanceCases.all();
        Map<String, Long> perProvider = cases.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.path("slot").path("provider").asString(), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
        System.out.println("Conformance cases per provider: " + perProvider);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(84);

        Map<String, Run> runs = new LinkedHashMap<>();
        for (JsonNode original : cases) {
            String id = original.path("id").asString();
            String org = Slots.newOrgId("conf");
            ObjectNode testCase = withOwnKey(original);
            String key = testCase.path("slot").path("apiKey").asString();
            String caller = key;
            if (ServiceAccountKeys.serviceAccountCase(testCase)) {
                // The simulator issues tokens for the key's account; the calls are that account's.
                caller = org + "@acme-reviews.iam.gserviceaccount.com";
                key = ServiceAccountKeys.json(caller, "acme-reviews", stack.simulator().rootUrl() + "/token");
                ((ObjectNode) testCase.path("slot")).put("apiKey", key);
                TestOrgs.KEYS_USED.addAll(ServiceAccountKeys.secretParts(key));
            }
            stack.simulator().program(caller, KeyBehaviour.ok());
            TestOrgs.KEYS_USED.add(key);
            ByokApi.Response saved = admin.putSlot(org, "main", slotJson(testCase, stack.simulator().rootUrl()));
            if (testCase.path("expectSaveRejected").asBoolean()) {
                assertThat(saved.status()).as(id + " must be refused").isEqualTo(400);
                continue;
            }
            assertThat(saved.status()).as(id + ": " + saved.body()).isEqualTo(200);
            JsonNode warnings = Json.lenient().readTree(saved.body()).path("warnings");
            testCase.path("sdkWarnings").forEach(w -> assertThat(warnings.toString()).as(id).contains(w.asString()));
            runs.put(id, new Run(org, caller, testCase));
        }
        runs.values().forEach(run -> {
            ReviewRequested request = new ReviewRequested(1, run.org() + "-r1", run.org(),
                    ConformanceCases.messages(run.testCase()), Map.of("case", run.testCase().path("id").asString()),
                    Instant.now());
            TestOrgs.REVIEWS_SENT.add(request.reviewId());
            traffic.send(request);
        });

        List<String> failures = new ArrayList<>();
        runs.forEach((id, run) -> {
            ReviewOutcome outcome = traffic.await(run.org() + "-r1", Duration.ofSeconds(90));
            if (outcome.status() != ReviewStatus.COMPLETED || outcome.content() == null) {
                failures.add(id + ": outcome " + outcome.status() + " " + outcome.error());
                return;
            }
            Usage expected = simulatorUsage(run.testCase(), outcome.content());
            if (!expected.equals(new Usage(outcome.usage().inputTokens(), outcome.usage().outputTokens(),
                    outcome.usage().reasoningTokens() == null ? 0L : outcome.usage().reasoningTokens()))) {
                failures.add(id + ": usage " + outcome.usage() + ", the simulator answered " + expected);
            }
            List<String> differences = WireCheck.differences(run.testCase(),
                    stack.simulator().capturedRequests(run.key()).getLast());
            if (!differences.isEmpty()) {
                failures.add(id + ": " + differences);
            }
        });
        assertThat(failures).as("cases that did not conform, of " + runs.size()).isEmpty();
        System.out.printf("Conformance through the real path: %d of %d cases conform, %d refused at save as expected%n",
                runs.size() - failures.size(), cases.size(), cases.size() - runs.size());
    }

    /**
     * Conformance rule 4 at the REST door (no shared case has {@code expectSaveRejected}): custom
     * options whose namespaces cannot reach the slot's provider are refused with a 400 naming the
     * field and the namespace the slot needs, and nothing is saved.
     */
    @Test
    void customOptionsInANamespaceTheSlotCannotUseAreRefusedWith400NamingTheField() {
        Stack stack = SystemUnderTest.stack();
        ByokApi admin = stack.api(stack.tokens().admin(Duration.ofMinutes(10)));
        String org = Slots.newOrgId("conf-ns");
        String base = stack.simulatorBaseUrl();

        ByokApi.Response foreignOnly = admin.putSlot(org, "main", """
                {"provider":"anthropic","model":"claude-sonnet-4-6","baseUrl":"%s","apiKey":"%s","thinking":"custom",
                 "customOptions":{"openai":{"reasoningEffort":"high"}}}""".formatted(base, Slots.newKey()));
        ByokApi.Response compatibleWithOpenRouterBlock = admin.putSlot(org, "main", """
                {"provider":"openai_compatible","model":"glm-5.1","baseUrl":"%s","apiKey":"%s","thinking":"custom",
                 "customOptions":{"openrouter":{"reasoning":{"effort":"high"}}}}""".formatted(base, Slots.newKey()));
        ByokApi.Response strayKey = admin.putSlot(org, "main", """
                {"provider":"anthropic","model":"claude-sonnet-4-6","baseUrl":"%s","apiKey":"%s","thinking":"custom",
                 "customOptions":{"anthropic":{"effort":"low"},"thinking":{"type":"adaptive"}}}""".formatted(base,
                Slots.newKey()));

        assertThat(problemFields(foreignOnly)).containsOnlyKeys("customOptions");
        assertThat(problemFields(foreignOnly).get("customOptions")).contains("'anthropic'", "'openai'");
        assertThat(problemFields(compatibleWithOpenRouterBlock).get("customOptions")).contains("'openaiCompatible'");
        assertThat(problemFields(strayKey)).containsOnlyKeys("customOptions.thinking");
        assertThat(Json.lenient().readTree(admin.get(org).body()).path("source").asString()).isEqualTo("none");
    }

    private static Map<String, String> problemFields(ByokApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, String> fields = new LinkedHashMap<>();
        Json.lenient().readTree(response.body()).path("errors")
                .forEach(e -> fields.put(e.path("field").asString(), e.path("message").asString()));
        return fields;
    }

    /**
     * What the simulator reports in the case's own format: a token per four characters of the
     * messages it received (at least one), the same for its answer, and no reasoning tokens. Every
     * format carries these in other fields, so equal numbers mean the worker read that format's usage.
     */
    private static Usage simulatorUsage(JsonNode testCase, String content) {
        long promptChars = ConformanceCases.messages(testCase).stream().mapToLong(m -> m.content().length()).sum();
        return new Usage(Math.max(1, (promptChars + 3) / 4), (content.length() + 3L) / 4, 0L);
    }

    /** The case with a key of its own, so the simulator's captures tell the cases apart. */
    private static ObjectNode withOwnKey(JsonNode original) {
        ObjectNode copy = (ObjectNode) original.deepCopy();
        ObjectNode slot = (ObjectNode) copy.path("slot");
        slot.put("apiKey", slot.path("apiKey").asString() + "-" + Slots.newKey().substring(8, 20));
        return copy;
    }

    /** The case's slot as a SlotConfig body, its calls going to the simulator under the case's base path. */
    private static String slotJson(JsonNode testCase, String simulatorRoot) {
        ObjectNode slot = (ObjectNode) testCase.path("slot").deepCopy();
        slot.put("baseUrl", simulatorRoot + testCase.path("expected").path("basePath").asString(""));
        return slot.toString();
    }

    private record Run(String org, String key, JsonNode testCase) {
    }
}
