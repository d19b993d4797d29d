package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.byok.localstack.ByokApi;
import dev.byok.localstack.JwtTokens;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST API of CONTRACTS §2 against running config-service instances. */
class ConfigServiceIT {

    private static Stack stack;
    private static ByokApi admin;
    private static ByokApi second;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        stack = SystemUnderTest.stack();
        String token = stack.tokens().admin(Duration.ofHours(1));
        admin = stack.api(token);
        ServiceProcess instance = SystemUnderTest.secondConfigService();
        second = stack.api(instance, token);
        baseUrl = stack.simulatorBaseUrl();
    }

    @Test
    void aSavedSlotComesBackWithAMaskedHintAndNeverTheKey() {
        String org = Slots.newOrgId("save");
        String key = Slots.newKey();

        ByokApi.Response saved = admin.putSlot(org, "main", Slots.compatible(baseUrl, "glm-5.1", key, 2));
        ByokApi.Response read = admin.get(org);

        assertThat(saved.status()).isEqualTo(200);
        JsonNode slot = json(saved.body());
        assertThat(slot.path("keyHint").asString()).isEqualTo("sk-…" + key.substring(key.length() - 4));
        assertThat(slot.path("effectiveBaseUrl").asString()).isEqualTo(baseUrl);
        assertThat(slot.path("version").asLong()).isEqualTo(1);
        assertThat(saved.etag()).isEqualTo("\"1\"");
        assertThat(slot.has("apiKey")).isFalse();
        assertThat(read.status()).isEqualTo(200);
        assertThat(json(read.body()).path("source").asString()).isEqualTo("byok");
        assertThat(json(read.body()).path("main").path("model").asString()).isEqualTo("glm-5.1");
        assertThat(json(read.body()).path("fallback").isNull()).isTrue();
        assertThat(saved.body() + read.body()).doesNotContain(key);
    }

    @Test
    void anOrgWithNothingConfiguredReadsAsSourceNone() {
        ByokApi.Response read = admin.get(Slots.newOrgId("empty"));

        assertThat(read.status()).isEqualTo(200);
        assertThat(json(read.body()).path("source").asString()).isEqualTo("none");
        assertThat(json(read.body()).path("version").asLong()).isZero();
    }

    @Test
    void theKeyIsRequiredOnTheFirstSaveAndKeptWhenLaterOmitted() {
        String org = Slots.newOrgId("keep");
        String withoutKey = """
                {"provider":"openai_compatible","model":"glm-5.1","baseUrl":"%s"}""".formatted(baseUrl);

        ByokApi.Response first = admin.putSlot(org, "main", withoutKey);
        assertThat(first.status()).isEqualTo(400);
        assertThat(errors(first)).containsEntry("apiKey", "is required on the first save of a slot");

        String key = Slots.newKey();
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "glm-5.1", key, null));
        ByokApi.Response edited = admin.putSlot(org, "main", withoutKey.replace("glm-5.1", "glm-5.2"));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(json(edited.body()).path("keyHint").asString()).endsWith(key.substring(key.length() - 4));
        assertThat(json(edited.body()).path("model").asString()).isEqualTo("glm-5.2");
    }

    @Test
    void invalidFieldsAreAnsweredWith400NamingEachField() {
        ByokApi.Response response = admin.putSlot(Slots.newOrgId("bad"), "main", """
                {"provider":"openai_compatible","model":"m","baseUrl":"%s","apiKey":"%s",
                 "temperature":3,"maxTokens":0,"maxConcurrentRequests":0}""".formatted(baseUrl, Slots.newKey()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(errors(response)).containsKeys("temperature", "maxTokens", "maxConcurrentRequests");
    }

    @Test
    void anUnknownFieldOrAWrongEnumIsRejectedNotIgnored() {
        String org = Slots.newOrgId("typo");
        ByokApi.Response typo = admin.putSlot(org, "main", """
                {"provider":"openai_compatible","model":"m","baseUrl":"%s","apiKey":"%s","maxTokenz":5}"""
                .formatted(baseUrl, Slots.newKey()));
        ByokApi.Response badProvider = admin.putSlot(org, "main", """
                {"provider":"azure","model":"m","apiKey":"%s"}""".formatted(Slots.newKey()));

        assertThat(typo.status()).isEqualTo(400);
        assertThat(errors(typo)).containsEntry("maxTokenz", "is not a known field");
        assertThat(badProvider.status()).isEqualTo(400);
        assertThat(errors(badProvider)).containsKey("provider");
        assertThat(errors(badProvider).get("provider")).contains("openai_compatible");
    }

    @Test
    void aBaseUrlIntoThePrivateNetworkIsRefusedAtSaveTime() {
        ByokApi.Response response = admin.putSlot(Slots.newOrgId("ssrf"), "main",
                Slots.compatible("http://169.254.169.254/latest", "m", Slots.newKey(), null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response).get("baseUrl")).contains("BYOK_EGRESS_ALLOW");
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndAFreshOneIsAccepted() {
        String org = Slots.newOrgId("ifmatch");
        String body = Slots.compatible(baseUrl, "glm-5.1", Slots.newKey(), null);
        admin.putSlot(org, "main", body);

        ByokApi.Response stale = admin.putSlot(org, "main", body, "\"0\"");
        ByokApi.Response fresh = admin.putSlot(org, "main", body, "\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(json(stale.body()).path("currentVersion").asLong()).isEqualTo(1);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.etag()).isEqualTo("\"2\"");
    }

    @Test
    void deletingASlotLeavesTheOther() {
        String org = Slots.newOrgId("delete");
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "glm-5.1", Slots.newKey(), null));
        admin.putSlot(org, "fallback", Slots.compatible(baseUrl, "kimi-k2.6", Slots.newKey(), null));

        assertThat(admin.deleteSlot(org, "fallback").status()).isEqualTo(204);
        assertThat(admin.deleteSlot(org, "fallback").status()).isEqualTo(204);

        JsonNode read = json(admin.get(org).body());
        assertThat(read.path("fallback").isNull()).isTrue();
        assertThat(read.path("main").path("model").asString()).isEqualTo("glm-5.1");
        assertThat(read.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void aWriteOnOneInstanceIsReadOnTheOtherAtOnce() {
        String org = Slots.newOrgId("ryw");
        for (int i = 1; i <= 10; i++) {
            ByokApi writer = i % 2 == 0 ? admin : second;
            ByokApi reader = i % 2 == 0 ? second : admin;

            ByokApi.Response saved = writer.putSlot(org, "main", Slots.compatible(baseUrl, "model-" + i, Slots.newKey(), i));
            JsonNode read = json(reader.get(org).body());

            assertThat(saved.status()).isEqualTo(200);
            assertThat(read.path("version").asLong()).isEqualTo(i);
            assertThat(read.path("main").path("model").asString()).isEqualTo("model-" + i);
        }
    }

    @Test
    void concurrentConditionalWritesOnTwoInstancesNeverBothWin() throws Exception {
        String org = Slots.newOrgId("race");
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "start", Slots.newKey(), null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 1; round <= 5; round++) {
                String version = "\"" + round + "\"";
                List<Callable<Integer>> writes = new ArrayList<>();
                for (int w = 0; w < 6; w++) {
                    ByokApi api = w % 2 == 0 ? admin : second;
                    String body = Slots.compatible(baseUrl, "round-" + round + "-writer-" + w, Slots.newKey(), null);
                    writes.add(() -> api.putSlot(org, "main", body, version).status());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(writes)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).as("round " + round).containsOnly(200, 412);
                assertThat(statuses).as("round " + round).filteredOn(s -> s == 200).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(json(second.get(org).body()).path("version").asLong()).isEqualTo(6);
    }

    @Test
    void aProbeOfTheStoredSlotSaysTheKeyWorksAndWhetherTheModelIsListed() {
        String org = Slots.newOrgId("probe");
        String key = Slots.newKey();
        stack.simulator().program(key, dev.byok.simulator.KeyBehaviour.ok().withModels("glm-5.1", "glm-4.7"));
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "glm-5.1", key, null));

        ByokApi.Response probe = admin.send("POST", "/api/v1/orgs/" + org + "/byok/main/test", null, null);

        assertThat(probe.status()).isEqualTo(200);
        JsonNode result = json(probe.body());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("category").asString()).isEqualTo("OK");
        assertThat(result.path("modelListed").asBoolean()).isTrue();
        assertThat(result.path("models").toString()).contains("glm-5.1", "glm-4.7");
        assertThat(probe.body()).doesNotContain(key);
        assertThat(stack.simulator().capturedRequests(key)).allSatisfy(r -> assertThat(r.path()).endsWith("/models"));
    }

    @Test
    void aProbeOfACandidateWithABadKeySaysSoAndATestedSaveWithItSavesNothing() {
        String org = Slots.newOrgId("badkey");
        String unknownKey = Slots.newKey();
        String candidate = Slots.compatible(baseUrl, "glm-5.1", unknownKey, null);

        ByokApi.Response probe = admin.send("POST", "/api/v1/orgs/" + org + "/byok/main/test", candidate, null);
        ByokApi.Response testedSave = admin.send("PUT", "/api/v1/orgs/" + org + "/byok/main?test=true", candidate, null);

        assertThat(json(probe.body()).path("category").asString()).isEqualTo("INVALID_KEY");
        assertThat(json(probe.body()).path("ok").asBoolean()).isFalse();
        assertThat(testedSave.status()).isEqualTo(422);
        assertThat(json(testedSave.body()).path("category").asString()).isEqualTo("INVALID_KEY");
        assertThat(json(admin.get(org).body()).path("source").asString()).isEqualTo("none");
        assertThat(probe.body() + testedSave.body()).doesNotContain(unknownKey);
    }

    @Test
    void aTestedSaveOfAModelTheProviderDoesNotListCarriesAWarning() {
        String org = Slots.newOrgId("typo");
        String key = Slots.newKey();
        stack.simulator().program(key, dev.byok.simulator.KeyBehaviour.ok().withModels("glm-5.1"));

        ByokApi.Response saved = admin.send("PUT", "/api/v1/orgs/" + org + "/byok/main?test=true",
                Slots.compatible(baseUrl, "glm-5.l", key, null), null);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(json(saved.body()).path("warnings").toString()).contains("glm-5.l is not in the provider's model list");
    }

    @Test
    void probesAreRateLimitedPerOrg() {
        String org = Slots.newOrgId("flood");
        String key = Slots.newKey();
        stack.simulator().program(key, dev.byok.simulator.KeyBehaviour.ok());
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "m", key, null));
        String path = "/api/v1/orgs/" + org + "/byok/main/test";

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(admin.send("POST", path, null, null).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(statuses.get(10)).isEqualTo(429);
        assertThat(admin.send("POST", "/api/v1/orgs/" + Slots.newOrgId("other") + "/byok/main/test",
                Slots.compatible(baseUrl, "m", key, null), null).status()).as("another org is not limited").isEqualTo(200);
    }

    @Test
    void aDryValidationGivesTheSaveWarningsOrItsErrorsAndSavesNothing() {
        String org = Slots.newOrgId("dry");
        String path = "/api/v1/orgs/" + org + "/byok/main/validate";

        ByokApi.Response warned = admin.send("POST", path, """
                {"provider":"anthropic","model":"claude-sonnet-4-6","temperature":0.2,"thinking":"high"}""", null);
        ByokApi.Response refused = admin.send("POST", path, """
                {"provider":"anthropic","model":"claude-sonnet-4-6","thinking":"custom",
                 "customOptions":{"google":{"thinkingConfig":{"thinkingLevel":"high"}}}}""", null);

        assertThat(warned.status()).isEqualTo(200);
        assertThat(json(warned.body()).path("warnings").toString()).contains("temperature");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("customOptions", "anthropic");
        assertThat(json(admin.get(org).body()).path("source").asString()).isEqualTo("none");
    }

    @Test
    void aSaveSaysWhatMaxTokensReachesTheWire() {
        String org = Slots.newOrgId("maxtok");
        String key = Slots.newKey();
        TestOrgs.KEYS_USED.add(key);

        ByokApi.Response unset = admin.putSlot(org, "main", """
                {"provider":"anthropic","model":"claude-sonnet-4-6","baseUrl":"%s","apiKey":"%s"}""".formatted(baseUrl,
                key));
        ByokApi.Response withBudget = admin.putSlot(org, "main", """
                {"provider":"anthropic","model":"claude-sonnet-4-6","baseUrl":"%s","maxTokens":4000,"thinking":"custom",
                 "customOptions":{"thinking":{"type":"enabled","budgetTokens":2000}}}""".formatted(baseUrl));

        assertThat(unset.status()).as(unset.body()).isEqualTo(200);
        assertThat(warnings(unset)).containsExactly("maxTokens is not set; anthropic requires max_tokens, so 16000 is sent");
        assertThat(withBudget.status()).as(withBudget.body()).isEqualTo(200);
        assertThat(warnings(withBudget)).containsExactly("max_tokens is maxTokens plus the thinking budget "
                + "(4000 + 2000 = 6000), because thinking tokens count toward it");
        assertThat(json(admin.get(org).body()).path("main").path("maxTokens").asInt())
                .as("the stored setting is what was asked for; only the wire gets the sum").isEqualTo(4000);
    }

    private static List<String> warnings(ByokApi.Response response) {
        List<String> warnings = new ArrayList<>();
        json(response.body()).path("warnings").forEach(w -> warnings.add(w.asString()));
        return warnings;
    }

    @Test
    void theCatalogIsPublic() {
        ByokApi.Response catalog = admin.withToken(null).send("GET", "/api/v1/byok/catalog", null, null);

        assertThat(catalog.status()).isEqualTo(200);
        assertThat(json(catalog.body()).size()).isEqualTo(8);
        assertThat(catalog.body()).contains("https://api.z.ai/api/coding/paas/v4", "https://api.kimi.com/coding/v1");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AndSaysNothingAboutTheOrg() {
        String org = Slots.newOrgId("auth");
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "m", Slots.newKey(), null));
        JwtTokens otherSecret = new JwtTokens("another-secret-of-at-least-32-bytes-long!");

        List<ByokApi.Response> refused = List.of(
                admin.withToken(null).get(org),
                admin.withToken("not.a.jwt").get(org),
                admin.withToken(otherSecret.admin(Duration.ofMinutes(5))).get(org),
                admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder().claim("scope", "byok:admin"),
                        Duration.ofMinutes(-5))).get(org),
                // valid for longer than byok.jwt-max-lifetime (24 h)
                admin.withToken(stack.tokens().admin(Duration.ofHours(25))).get(org),
                // says nobody: no subject to act as
                admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder().subject("").claim("scope",
                        "byok:admin"), Duration.ofMinutes(5))).get(org),
                admin.withToken(null).get(Slots.newOrgId("never")));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
        assertThat(refused.getFirst().body()).isEqualTo(refused.getLast().body());
    }

    @Test
    void healthSaysItsStatusToEveryoneAndItsDetailsOnlyToAnAdmin() {
        ByokApi.Response anonymous = admin.withToken(null).send("GET", "/actuator/health", null, null);
        ByokApi.Response orgMember = admin.withToken(stack.tokens().forOrgs(List.of("acme"), Duration.ofMinutes(5)))
                .send("GET", "/actuator/health", null, null);
        ByokApi.Response operator = admin.send("GET", "/actuator/health", null, null);

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components", "kafka");
        assertThat(orgMember.body()).doesNotContain("components");
        assertThat(operator.body()).contains("components");
        for (var service : List.of(stack.dispatcher(), stack.workers().getFirst())) {
            String body = new ByokApi(service.baseUrl(), null).send("GET", "/actuator/health", null, null).body();
            assertThat(body).as(service.name() + ", whose port has no authentication")
                    .contains("\"status\":\"UP\"").doesNotContain("components");
        }
    }

    @Test
    void aTokenForOtherOrgsIs403WhetherOrNotTheOrgExists() {
        String org = Slots.newOrgId("mine");
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "m", Slots.newKey(), null));
        ByokApi someoneElse = admin.withToken(stack.tokens().forOrgs(List.of("other-org"), Duration.ofMinutes(5)));
        ByokApi owner = admin.withToken(stack.tokens().forOrgs(List.of(org), Duration.ofMinutes(5)));

        ByokApi.Response existing = someoneElse.get(org);
        ByokApi.Response missing = someoneElse.get(Slots.newOrgId("ghost"));
        ByokApi.Response write = someoneElse.putSlot(org, "main", Slots.compatible(baseUrl, "m", Slots.newKey(), null));

        assertThat(existing.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(write.status()).isEqualTo(403);
        assertThat(withoutInstance(existing.body())).isEqualTo(withoutInstance(missing.body()));
        assertThat(owner.get(org).status()).isEqualTo(200);
        assertThat(owner.get(org.toUpperCase()).status()).as("org ids differing by case are other orgs").isEqualTo(403);
    }

    @Test
    void aScopeWithoutByokAdminGivesNoAccessToOtherOrgsAndOneWithItGivesAccessToAll() {
        String org = Slots.newOrgId("scoped");
        admin.putSlot(org, "main", Slots.compatible(baseUrl, "m", Slots.newKey(), null));
        ByokApi notAdmin = admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder()
                .claim("scope", "openid profile byok:read byok:administrator").claim("orgs", List.of("own-org")),
                Duration.ofMinutes(5)));
        ByokApi adminAmongOthers = admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder()
                .claim("scope", "openid byok:admin"), Duration.ofMinutes(5)));

        assertThat(notAdmin.get(org).status()).isEqualTo(403);
        assertThat(notAdmin.putSlot(org, "main", Slots.compatible(baseUrl, "m", Slots.newKey(), null)).status())
                .isEqualTo(403);
        assertThat(notAdmin.get("own-org").status()).as("its own org").isEqualTo(200);
        assertThat(adminAmongOthers.get(org).status()).isEqualTo(200);
        assertThat(json(adminAmongOthers.get(org).body()).path("main").path("model").asString()).isEqualTo("m");
        assertThat(adminAmongOthers.get(Slots.newOrgId("any")).status()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminTokenMayRewrapTheStoredKeys() {
        String org = Slots.newOrgId("rewrap");
        ByokApi orgOwner = admin.withToken(stack.tokens().forOrgs(List.of(org), Duration.ofMinutes(5)));
        ByokApi openIdOnly = admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder()
                .claim("scope", "openid profile").claim("orgs", List.of(org)), Duration.ofMinutes(5)));
        ByokApi admins = admin.withToken(stack.tokens().sign(new JWTClaimsSet.Builder()
                .claim("scope", "openid byok:admin"), Duration.ofMinutes(5)));

        ByokApi.Response byOwner = orgOwner.send("POST", "/api/v1/admin/keys/rewrap", null, null);
        ByokApi.Response byOpenId = openIdOnly.send("POST", "/api/v1/admin/keys/rewrap", null, null);
        ByokApi.Response anonymous = admin.withToken(null).send("POST", "/api/v1/admin/keys/rewrap", null, null);
        ByokApi.Response byAdmin = admins.send("POST", "/api/v1/admin/keys/rewrap", null, null);

        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(byOpenId.status()).isEqualTo(403);
        assertThat(byOwner.contentType()).startsWith("application/problem+json");
        assertThat(byOwner.body()).doesNotContain("primaryKeyId", "orgsScanned");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(json(byAdmin.body()).path("failed").size()).isZero();
        assertThat(json(byAdmin.body()).path("orgsScanned").asInt()).isPositive();
    }

    /** The problem without its {@code instance} (the request path, which the caller knows anyway). */
    private static JsonNode withoutInstance(String body) {
        tools.jackson.databind.node.ObjectNode problem = (tools.jackson.databind.node.ObjectNode) json(body);
        problem.remove("instance");
        return problem;
    }

    private static JsonNode json(String body) {
        return Json.lenient().readTree(body);
    }

    private static Map<String, String> errors(ByokApi.Response response) {
        Map<String, String> byField = new java.util.HashMap<>();
        for (JsonNode error : json(response.body()).path("errors")) {
            byField.put(error.path("field").asString(), error.path("message").asString());
        }
        return byField;
    }
}
