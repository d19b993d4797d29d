package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UnknownKeyTest {

    private static final String UNKNOWN = "sk-unknown-0123456789";

    private ProviderSimulator sim;
    private SimClient http;

    @BeforeEach
    void start() {
        sim = ProviderSimulator.start();
        http = new SimClient(sim);
        sim.program("sk-someone-else", KeyBehaviour.ok());
    }

    @AfterEach
    void stop() {
        http.close();
        sim.close();
    }

    @Test
    void chatCompletionsAnswers401InvalidApiKey() {
        HttpResponse<String> response = http.send(http.chat(UNKNOWN, "m", "hi"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = SimClient.json(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").stringValue()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").stringValue()).isEqualTo("Incorrect API key provided.");
        assertThat(error.has("param")).isTrue();
        assertThat(response.body()).doesNotContain(UNKNOWN);
    }

    @Test
    void responsesAnswers401() {
        HttpResponse<String> response = http.send(http.responses(UNKNOWN, "m", "hi"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SimClient.json(response.body()).path("error").path("code").stringValue()).isEqualTo("invalid_api_key");
    }

    @Test
    void missingBearerIs401() {
        HttpResponse<String> response = http.send(http.post("/v1/chat/completions", "{}").build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anthropicAnswers401AuthenticationError() {
        HttpResponse<String> response = http.send(http.anthropic(UNKNOWN, "claude", "hi"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = SimClient.json(response.body());
        assertThat(body.path("type").stringValue()).isEqualTo("error");
        assertThat(body.path("error").path("type").stringValue()).isEqualTo("authentication_error");
        assertThat(body.path("request_id").stringValue()).startsWith("req_sim_");
        assertThat(response.body()).doesNotContain(UNKNOWN);
    }

    @Test
    void anthropicKeyInBearerIsNotAccepted() {
        HttpResponse<String> response = http.send(http.post("/v1/messages", "{}")
                .header("Authorization", "Bearer sk-someone-else").build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void geminiAnswers400ApiKeyInvalidLikeGoogle() {
        HttpResponse<String> response = http.send(http.gemini(UNKNOWN, "gemini-2.5-flash", "hi"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimClient.json(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("details").get(0).path("@type").stringValue()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(error.path("details").get(0).path("reason").stringValue()).isEqualTo("API_KEY_INVALID");
        assertThat(response.body()).doesNotContain(UNKNOWN);
    }

    @Test
    void geminiWithoutAnyKeyIs403PermissionDenied() {
        HttpResponse<String> response = http.send(http.post("/v1beta/models/gemini-2.5-flash:generateContent", "{}").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(SimClient.json(response.body()).path("error").path("status").stringValue()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void modelListsRejectUnknownKeysInTheirOwnFormat() {
        assertThat(http.send(http.get("/v1/models").header("Authorization", "Bearer " + UNKNOWN).build()).statusCode())
                .isEqualTo(401);
        assertThat(http.send(http.get("/v1/models").header("x-api-key", UNKNOWN).build()).statusCode()).isEqualTo(401);
        assertThat(http.send(http.get("/v1beta/models").header("x-goog-api-key", UNKNOWN).build()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownKeysAreCountedAndCaptured() {
        http.send(http.chat(UNKNOWN, "m", "hi"));
        http.send(http.anthropic(UNKNOWN, "m", "hi"));

        KeyStats stats = sim.stats(UNKNOWN);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.succeeded()).isZero();
        assertThat(stats.countOf(401)).isEqualTo(2);
        assertThat(sim.capturedRequests(UNKNOWN)).hasSize(2);
        assertThat(sim.capturedRequests()).hasSize(2);
    }

    @Test
    void statsOfANeverSeenKeyAreEmpty() {
        assertThat(sim.stats("sk-never")).isEqualTo(KeyStats.EMPTY);
        assertThat(sim.capturedRequests("sk-never")).isEmpty();
    }
}
