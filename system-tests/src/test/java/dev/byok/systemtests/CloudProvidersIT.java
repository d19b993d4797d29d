package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.localstack.conformance.ServiceAccountKeys;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Azure OpenAI, Vertex AI (service-account key) and Bedrock (AWS access keys, SigV4) through the
 * whole system: saved from the settings page's API with a probe first, probed again, a review
 * served, each failure class their error bodies carry mapped as the taxonomy says, and fallback
 * from a failing cloud slot and to a cloud slot. The simulator speaks each cloud's dialect under
 * the cloud's base path; the credential it checks is the Azure key, the service account the Vertex
 * token was issued to, or the access key id of the SigV4 signature.
 */
class CloudProvidersIT {

    private static final Duration OUTCOME_WITHIN = Duration.ofSeconds(90);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;
    private static ByokApi admin;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
        admin = stack.api(stack.tokens().admin(Duration.ofHours(1)));
    }

    /** One cloud slot on the simulator: its SlotConfig, its stored credential and the identity the simulator sees. */
    private record CloudSlot(String json, String credential, String caller) {
    }

    enum Cloud {
        AZURE, VERTEX, BEDROCK
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void savedWithAProbeThenProbedAndAReviewIsServed(Cloud cloud) {
        String org = Slots.newOrgId("cloud-" + cloud.name().toLowerCase());
        CloudSlot slot = cloudSlot(cloud, org, KeyBehaviour.ok().withContent(cloud + " review: fine."));

        ByokApi.Response saved = admin.send("PUT", "/api/v1/orgs/" + org + "/byok/main?test=true", slot.json(), null);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(slot.credential());
        ByokApi.Response probed = admin.send("POST", "/api/v1/orgs/" + org + "/byok/main/test", null, null);
        JsonNode probe = Json.lenient().readTree(probed.body());
        assertThat(probe.path("ok").asBoolean()).as(probed.body()).isTrue();
        assertThat(probe.path("modelListed").asBoolean()).as(probed.body()).isTrue();

        ReviewOutcome outcome = review(org);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.MAIN);
        assertThat(outcome.content()).isEqualTo(cloud + " review: fine.");
        assertThat(outcome.usage().inputTokens()).isPositive();
        assertThat(stack.simulator().stats(slot.caller()).succeeded()).as("two probes and the review").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void eachFailureClassOfTheCloudsErrorBodiesIsMappedAndTheFallbackServesWhereItMay(Cloud cloud) {
        for (Map.Entry<Fault, AttemptOutcome> failure : failures(cloud).entrySet()) {
            String org = Slots.newOrgId("cloud-fail");
            CloudSlot main = cloudSlot(cloud, org, KeyBehaviour.ok().failingAlways(failure.getKey()));
            orgs.saveJson(org, "main", main.credential(), main.json());
            orgs.save(org, "fallback", orgs.key(KeyBehaviour.ok().withContent("Fallback review.")), null);

            ReviewOutcome outcome = review(org);

            assertThat(outcome.attempts().getFirst().slot()).isEqualTo(Slot.MAIN);
            if (failure.getValue() == AttemptOutcome.CONTENT_FILTERED) {
                // A provider's safety decision is not routed around (OutcomePolicy): the review fails.
                assertThat(outcome.status()).as(cloud + " " + failure).isEqualTo(ReviewStatus.FAILED);
            } else {
                assertThat(outcome.status()).as(cloud + " " + failure).isEqualTo(ReviewStatus.COMPLETED);
                assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
            }
            assertThat(outcome.attempts().getFirst().outcome()).as(cloud + " " + failure.getKey())
                    .isEqualTo(failure.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void anUnknownCredentialIsAnAuthFailureAndAFailingMainFallsBackToTheCloud(Cloud cloud) {
        String org = Slots.newOrgId("cloud-auth");
        CloudSlot unknown = cloudSlot(cloud, org, null);
        orgs.saveJson(org, "main", unknown.credential(), unknown.json());
        CloudSlot fallback = cloudSlot(cloud, org + "-fb", KeyBehaviour.ok().withContent("Served by the cloud."));
        orgs.saveJson(org, "fallback", fallback.credential(), fallback.json());

        ReviewOutcome outcome = review(org);

        assertThat(outcome.attempts().getFirst().outcome()).isEqualTo(AttemptOutcome.AUTH_FAILED);
        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
        assertThat(outcome.content()).isEqualTo("Served by the cloud.");
        assertThat(outcome.toString()).doesNotContain(unknown.credential()).doesNotContain(fallback.credential());
    }

    /** The cloud's own error bodies for each class (the simulator writes them in the cloud's dialect). */
    private static Map<Fault, AttemptOutcome> failures(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> Map.of(
                    new Fault.RateLimited(Duration.ofSeconds(1), false), AttemptOutcome.RATE_LIMITED,
                    new Fault.HttpError(404, "invalid_request_error", "DeploymentNotFound",
                            "The API deployment for this resource does not exist."), AttemptOutcome.MODEL_NOT_FOUND,
                    new Fault.HttpError(400, "invalid_request_error", "content_filter",
                            "The response was filtered due to the prompt triggering Azure OpenAI's content management "
                                    + "policy."), AttemptOutcome.CONTENT_FILTERED,
                    new Fault.HttpError(401, "invalid_request_error", "401", "Access denied due to invalid "
                            + "subscription key or wrong API endpoint."), AttemptOutcome.AUTH_FAILED);
            case VERTEX -> Map.of(
                    new Fault.HttpError(429, "RESOURCE_EXHAUSTED", null, "Quota exceeded for aiplatform.googleapis.com/"
                            + "generate_content_requests_per_minute_per_project_per_base_model."),
                    AttemptOutcome.RATE_LIMITED,
                    new Fault.HttpError(403, "PERMISSION_DENIED", "SERVICE_DISABLED", "Vertex AI API has not been used "
                            + "in project acme-reviews before or it is disabled."), AttemptOutcome.AUTH_FAILED,
                    new Fault.HttpError(404, "NOT_FOUND", null, "Publisher Model was not found or your project does "
                            + "not have access to it."), AttemptOutcome.MODEL_NOT_FOUND);
            case BEDROCK -> Map.of(
                    new Fault.HttpError(429, "ThrottlingException", null, "Too many requests, please wait before "
                            + "trying again."), AttemptOutcome.RATE_LIMITED,
                    new Fault.HttpError(400, "ValidationException", null, "The provided model identifier is invalid."),
                    AttemptOutcome.MODEL_NOT_FOUND,
                    new Fault.HttpError(403, "AccessDeniedException", null, "You don't have access to the model with "
                            + "the specified model ID."), AttemptOutcome.AUTH_FAILED);
        };
    }

    /**
     * A slot of {@code cloud} whose calls go to the simulator under the cloud's own base path.
     *
     * @param behaviour what the simulator does for its credential; null leaves it unknown to the simulator
     */
    private static CloudSlot cloudSlot(Cloud cloud, String org, KeyBehaviour behaviour) {
        String root = stack.simulator().rootUrl();
        String caller;
        String credential;
        String json;
        switch (cloud) {
            case AZURE -> {
                credential = Slots.newKey();
                caller = credential;
                json = """
                        {"provider":"azure_openai","model":"sim-large","baseUrl":"%s/openai","apiKey":"%s",
                         "cloud":{"apiVersion":"2025-04-01-preview","api":"responses"}}""".formatted(root, credential);
            }
            case VERTEX -> {
                caller = org.toLowerCase() + "@acme-reviews.iam.gserviceaccount.com";
                credential = ServiceAccountKeys.json(caller, "acme-reviews", root + "/token");
                TestOrgs.KEYS_USED.addAll(ServiceAccountKeys.secretParts(credential));
                json = """
                        {"provider":"google_vertex","model":"sim-large",
                         "baseUrl":"%s/v1beta1/projects/acme-reviews/locations/europe-west4/publishers/google",
                         "apiKey":%s,"cloud":{"project":"acme-reviews","location":"europe-west4"}}"""
                        .formatted(root, Json.lenient().writeValueAsString(credential));
            }
            case BEDROCK -> {
                caller = "AKIA" + Slots.newKey().substring(8, 24).toUpperCase();
                String secret = Slots.newKey();
                TestOrgs.KEYS_USED.add(secret);
                credential = "{\"accessKeyId\":\"" + caller + "\",\"secretAccessKey\":\"" + secret + "\"}";
                json = """
                        {"provider":"amazon_bedrock","model":"sim-large","baseUrl":"%s","apiKey":%s,
                         "cloud":{"region":"eu-central-1","auth":"access-key"}}"""
                        .formatted(root, Json.lenient().writeValueAsString(credential));
            }
            default -> throw new IllegalArgumentException(cloud.name());
        }
        TestOrgs.KEYS_USED.add(credential);
        if (behaviour != null) {
            stack.simulator().program(caller, behaviour);
        }
        return new CloudSlot(json, credential, caller);
    }

    private static ReviewOutcome review(String org) {
        String reviewId = org + "-r1";
        TestOrgs.REVIEWS_SENT.add(reviewId);
        traffic.send(ReviewTraffic.request(reviewId, org, "diff --git a/Invoice.java b/Invoice.java\n+ total += qty;"));
        return traffic.await(reviewId, OUTCOME_WITHIN);
    }
}
