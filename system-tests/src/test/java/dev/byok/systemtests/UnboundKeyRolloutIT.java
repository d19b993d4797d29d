package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.LegacyKeyFormat;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.BaseUrls;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rollout of origin-bound keys (README, "Security"), on a deployment that no longer accepts
 * unbound keys: a key the previous version stored (bound to org and slot only) is refused for calls,
 * with a FAILED outcome that says to re-wrap; the re-wrap binds it to its slot's provider and origin;
 * then reviews use it again.
 */
class UnboundKeyRolloutIT {

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
    void aKeyStoredBeforeTheBindingIsRefusedUntilTheRewrapBindsItThenServes() {
        String org = Slots.newOrgId("legacy");
        String key = orgs.key(KeyBehaviour.ok().withContent("Served with the rebound key."));
        String baseUrl = stack.simulatorBaseUrl();
        SlotSettings settings = new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", baseUrl, null, null, null,
                ThinkingLevel.OFF, null, 2, null, BaseUrls.effective(ProviderId.OPENAI_COMPATIBLE, baseUrl));
        StoredSlot legacy = new StoredSlot(settings, LegacyKeyFormat.seal(stack.runDir().resolve("master.key"), key, org,
                Slot.MAIN), "sk-…" + key.substring(key.length() - 4), Instant.now());
        ConfigRecords.publish(stack.kafkaBootstrap(), new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, org, 1,
                legacy, null, Instant.now(), UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> orgs.admin().get(org).status() == 200
                && orgs.admin().get(org).body().contains(baseUrl));

        ReviewOutcome refused = review(org + "-r1");
        assertThat(refused.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.NON_RETRYABLE);
        assertThat(refused.error().message()).contains("re-wrap").doesNotContain(key);
        assertThat(stack.simulator().stats(key).succeeded()).isZero();

        ByokApi.Response rewrap = orgs.admin().send("POST", "/api/v1/admin/keys/rewrap", null, null);
        assertThat(rewrap.status()).as(rewrap.body()).isEqualTo(200);
        JsonNode report = Json.lenient().readTree(rewrap.body());
        assertThat(report.path("rebound").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("failed").toString()).doesNotContain(org);
        assertThat(rewrap.body()).doesNotContain(key);

        ReviewOutcome served = review(org + "-r2");
        assertThat(served.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(served.content()).isEqualTo("Served with the rebound key.");
        ByokApi.Response again = orgs.admin().send("POST", "/api/v1/admin/keys/rewrap", null, null);
        assertThat(Json.lenient().readTree(again.body()).path("rebound").asInt()).as("nothing left to bind").isZero();
    }

    private static ReviewOutcome review(String reviewId) {
        TestOrgs.REVIEWS_SENT.add(reviewId);
        traffic.send(ReviewTraffic.request(reviewId, reviewId.substring(0, reviewId.lastIndexOf("-r")), "diff --git a/x b/x"));
        return traffic.await(reviewId, OUTCOME_WITHIN);
    }

}
