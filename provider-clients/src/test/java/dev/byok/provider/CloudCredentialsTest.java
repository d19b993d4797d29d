package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.conformance.ServiceAccountKeys;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.CloudSettings;
import dev.byok.model.MessageRole;
import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cloud credentials at the provider boundary: a Vertex service-account key is exchanged once and
 * its token reused, a key whose token endpoint is not Google's is never used, AWS access keys sign the
 * request (SigV4 with the AWS SDK's signer), and no failure or probe message carries any part of a
 * credential.
 */
class CloudCredentialsTest {

    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage(MessageRole.USER, "diff --git a/x b/x"));

    private static ProviderSimulator simulator;
    private static ProviderClients clients;
    private static ProviderProbe probe;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
        probe = new ProviderProbe(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aServiceAccountKeyIsExchangedOnceAndItsTokenReusedUntilItNearlyExpires() {
        String account = "reviews-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.iam.gserviceaccount.com";
        String key = ServiceAccountKeys.json(account, "acme-reviews", simulator.rootUrl() + "/token");
        simulator.program(account, KeyBehaviour.ok().withContent("Vertex says fine."));

        ProviderResult first = clients.call(request(vertex(), key));
        ProviderResult second = clients.call(request(vertex(), key));

        assertThat(first).isInstanceOf(ProviderResult.Success.class);
        assertThat(second).isInstanceOf(ProviderResult.Success.class);
        List<CapturedRequest> all = simulator.capturedRequests();
        assertThat(all).filteredOn(r -> r.path().endsWith("/token")).as("one token exchange for two calls").hasSize(1);
        CapturedRequest exchange = all.stream().filter(r -> r.path().endsWith("/token")).findFirst().orElseThrow();
        assertThat(exchange.body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                .doesNotContain("PRIVATE KEY");
        assertThat(simulator.capturedRequests(account)).allSatisfy(r ->
                assertThat(r.header("authorization")).startsWith("Bearer ya29."));
    }

    @Test
    void aKeyWhoseTokenEndpointIsNotGooglesIsNeverUsedAndTheFailureQuotesNothingOfIt() {
        String key = ServiceAccountKeys.json("evil@acme.iam.gserviceaccount.com", "acme-reviews",
                "https://token-collector.example.com/token");
        String privateLine = ServiceAccountKeys.secretParts(key).getLast();

        ProviderResult result = clients.call(request(vertex(), key));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class, failure -> {
            assertThat(failure.outcome()).isEqualTo(AttemptOutcome.AUTH_FAILED);
            assertThat(failure.detail()).contains("token_uri").doesNotContain(privateLine)
                    .doesNotContain("token-collector");
        });
        ProbeResult probed = probe.probe(vertex(), key, Duration.ofSeconds(2));
        assertThat(probed.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(probed.message()).doesNotContain(privateLine);
    }

    @Test
    void accessKeysSignTheRequestWithSigV4AndAnUnknownKeyIsAnAuthFailureWithoutTheSecret() {
        String accessKeyId = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = "secret/" + UUID.randomUUID();
        String credential = "{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"" + secret + "\"}";
        simulator.program(accessKeyId, KeyBehaviour.ok().withContent("Bedrock says fine."));

        ProviderResult served = clients.call(request(bedrock(), credential));

        assertThat(served).isInstanceOfSatisfying(ProviderResult.Success.class,
                s -> assertThat(s.content()).isEqualTo("Bedrock says fine."));
        CapturedRequest sent = simulator.capturedRequests(accessKeyId).getLast();
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/")
                .contains("/eu-central-1/bedrock/aws4_request").doesNotContain(secret);
        assertThat(sent.header("x-amz-date")).isNotBlank();

        String unknown = credential.replace(accessKeyId, "AKIAUNKNOWN0000000");
        ProviderResult refused = clients.call(request(bedrock(), unknown));
        assertThat(refused).isInstanceOfSatisfying(ProviderResult.Failure.class, failure -> {
            assertThat(failure.outcome()).isEqualTo(AttemptOutcome.AUTH_FAILED);
            assertThat(failure.detail()).doesNotContain(secret);
        });
    }

    @Test
    void aVertexProbeSaysWhatToFixInTheProject() {
        String account = "probe-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.iam.gserviceaccount.com";
        String key = ServiceAccountKeys.json(account, "acme-reviews", simulator.rootUrl() + "/token");
        simulator.program(account, KeyBehaviour.ok().withModels("gemini-3.1-pro-preview"));
        ProbeResult wrongModel = probe.probe(vertex(), key, Duration.ofSeconds(5));
        simulator.program(account, KeyBehaviour.ok().failingMetadataCalls(new Fault.HttpError(403, "PERMISSION_DENIED",
                "SERVICE_DISABLED", "Vertex AI API has not been used in project acme-reviews before or it is disabled.")));
        ProbeResult disabled = probe.probe(vertex(), key, Duration.ofSeconds(5));
        simulator.program(account, KeyBehaviour.ok().withModels("sim-large"));
        ProbeResult fine = probe.probe(vertex(), key, Duration.ofSeconds(5));

        assertThat(wrongModel.category()).isEqualTo(ProbeCategory.ENDPOINT_NOT_FOUND);
        assertThat(wrongModel.message()).contains("Vertex AI has no model 'sim-large' in project 'acme-reviews', "
                + "location 'us-central1'", "check the model id, the project and the location");
        assertThat(disabled.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(disabled.message()).contains("the Vertex AI API is not enabled", "enable aiplatform.googleapis.com");
        assertThat(fine.ok()).isTrue();
        assertThat(fine.modelListed()).isTrue();
    }

    private static ProviderRequest request(SlotSettings settings, String credential) {
        return new ProviderRequest(settings, credential, MESSAGES, Duration.ofSeconds(10));
    }

    private static SlotSettings vertex() {
        String root = simulator.rootUrl() + "/v1beta1/projects/acme-reviews/locations/us-central1/publishers/google";
        return new SlotSettings(ProviderId.GOOGLE_VERTEX, "sim-large", root, null, null, 1000, ThinkingLevel.OFF,
                null, null, null, root, new CloudSettings(null, null, null, "acme-reviews", "us-central1", null, null));
    }

    private static SlotSettings bedrock() {
        String root = simulator.rootUrl();
        return new SlotSettings(ProviderId.AMAZON_BEDROCK, "sim-large", root, null, null, 1000, ThinkingLevel.OFF,
                null, null, null, root, new CloudSettings(null, null, null, null, null, "eu-central-1", "access-key"));
    }
}
