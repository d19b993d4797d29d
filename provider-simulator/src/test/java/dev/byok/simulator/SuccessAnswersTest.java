package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SuccessAnswersTest {

    private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    private static final String KEY = "sk-success";

    private ProviderSimulator sim;
    private SimClient http;

    @BeforeEach
    void start() {
        sim = ProviderSimulator.start(0, Clock.fixed(NOW, ZoneOffset.UTC));
        http = new SimClient(sim);
        sim.program(KEY, KeyBehaviour.ok());
    }

    @AfterEach
    void stop() {
        http.close();
        sim.close();
    }

    @Test
    void rootUrlIsLoopbackWithoutTrailingSlash() {
        assertThat(sim.rootUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
        assertThat(sim.port()).isPositive();
    }

    @Test
    void chatCompletionsAnswersInOpenAiShapeWithEstimatedUsage() {
        HttpResponse<String> response = http.send(http.chat(KEY, "glm-4.7", "12345678"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SimClient.json(response.body());
        assertThat(body.path("id").stringValue()).startsWith("chatcmpl-sim-");
        assertThat(body.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(body.path("model").stringValue()).isEqualTo("glm-4.7");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
        String text = choice.path("message").path("content").stringValue();
        assertThat(text).isEqualTo("Simulated review by glm-4.7: looks good.");
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        // "You review code." (16) + "12345678" (8) = 24 chars -> 6 tokens
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(6);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo((text.length() + 3) / 4);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(6 + (text.length() + 3) / 4);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isZero();
    }

    @Test
    void anyBasePathWorks() {
        for (String base : new String[] {"/api/coding/paas/v4", "/openai/v1", "/api/v1", ""}) {
            HttpResponse<String> response = http.send(http.post(base + "/chat/completions", "{\"model\":\"m\",\"messages\":[]}")
                    .header("Authorization", "Bearer " + KEY).build());
            assertThat(response.statusCode()).as(base).isEqualTo(200);
        }
    }

    @Test
    void responsesApiAnswersWithOutputTextAndUsage() {
        sim.program(KEY, KeyBehaviour.ok().withContent("Two issues found."));

        JsonNode body = SimClient.json(http.send(http.responses(KEY, "gpt-5.1", "diff")).body());

        assertThat(body.path("status").stringValue()).isEqualTo("completed");
        assertThat(body.path("model").stringValue()).isEqualTo("gpt-5.1");
        JsonNode message = body.path("output").get(0);
        assertThat(message.path("type").stringValue()).isEqualTo("message");
        assertThat(message.path("role").stringValue()).isEqualTo("assistant");
        JsonNode part = message.path("content").get(0);
        assertThat(part.path("type").stringValue()).isEqualTo("output_text");
        assertThat(part.path("text").stringValue()).isEqualTo("Two issues found.");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(5); // 16 + 4 chars
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(5); // 17 chars
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(10);
        assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asLong()).isZero();
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(1);
    }

    @Test
    void responsesApiReadsArrayInput() {
        String request = """
                {"model":"gpt-5.1","input":[{"role":"user","content":"abcd"},\
                {"role":"user","content":[{"type":"input_text","text":"efgh"}]}]}""";
        JsonNode body = SimClient.json(http.send(http.post("/v1/responses", request)
                .header("Authorization", "Bearer " + KEY).build()).body());

        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void anthropicMessagesAnswersWithTextBlockAndUsage() {
        HttpResponse<String> response = http.send(http.anthropic(KEY, "claude-sonnet-4-6", "1234"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.json(response.body());
        assertThat(body.path("id").stringValue()).startsWith("msg_sim_");
        assertThat(body.path("type").stringValue()).isEqualTo("message");
        assertThat(body.path("role").stringValue()).isEqualTo("assistant");
        assertThat(body.path("model").stringValue()).isEqualTo("claude-sonnet-4-6");
        assertThat(body.path("content").get(0).path("type").stringValue()).isEqualTo("text");
        assertThat(body.path("content").get(0).path("text").stringValue())
                .isEqualTo("Simulated review by claude-sonnet-4-6: looks good.");
        assertThat(body.path("stop_reason").stringValue()).isEqualTo("end_turn");
        // 16 + 4 chars = 5 tokens, a quarter of them (1) read from the prompt cache, counted apart as Anthropic does
        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(4);
        assertThat(body.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(1);
        assertThat(body.path("usage").path("output_tokens").asLong()).isPositive();
    }

    @Test
    void geminiAnswersWithCandidatesAndUsageMetadata() {
        HttpResponse<String> response = http.send(http.gemini(KEY, "gemini-2.5-flash", "1234"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.json(response.body());
        JsonNode candidate = body.path("candidates").get(0);
        assertThat(candidate.path("content").path("role").stringValue()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").get(0).path("text").stringValue())
                .isEqualTo("Simulated review by gemini-2.5-flash: looks good.");
        assertThat(candidate.path("finishReason").stringValue()).isEqualTo("STOP");
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asLong()).isEqualTo(5);
        assertThat(usage.path("thoughtsTokenCount").asLong()).isZero();
        assertThat(usage.path("totalTokenCount").asLong())
                .isEqualTo(usage.path("promptTokenCount").asLong() + usage.path("candidatesTokenCount").asLong());
        assertThat(body.path("modelVersion").stringValue()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void geminiAcceptsTheKeyAsQueryParameter() {
        HttpResponse<String> response = http.send(http.post("/v1beta/models/gemini-2.5-pro:generateContent?key=" + KEY,
                "{\"contents\":[]}").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.capturedRequests(KEY)).singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent?key=" + KEY));
    }

    @Test
    void modelListsFollowTheAuthHeader() {
        sim.program(KEY, KeyBehaviour.ok().withModels("m-1", "m-2"));

        JsonNode openAi = SimClient.json(http.send(http.get("/v1/models").header("Authorization", "Bearer " + KEY).build()).body());
        assertThat(openAi.path("object").stringValue()).isEqualTo("list");
        assertThat(openAi.path("data").get(1).path("id").stringValue()).isEqualTo("m-2");
        assertThat(openAi.path("data").get(0).path("object").stringValue()).isEqualTo("model");
        assertThat(openAi.path("data").get(0).path("owned_by").stringValue()).isEqualTo("simulator");

        JsonNode anthropic = SimClient.json(http.send(http.get("/v1/models?limit=1").header("x-api-key", KEY).build()).body());
        assertThat(anthropic.path("data").get(0).path("type").stringValue()).isEqualTo("model");
        assertThat(anthropic.path("data").get(0).path("display_name").stringValue()).isEqualTo("m-1");
        assertThat(anthropic.path("has_more").asBoolean()).isFalse();

        JsonNode gemini = SimClient.json(http.send(http.get("/v1beta/models").header("x-goog-api-key", KEY).build()).body());
        assertThat(gemini.path("models").get(0).path("name").stringValue()).isEqualTo("models/m-1");
        assertThat(gemini.path("models").get(0).path("supportedGenerationMethods").get(0).stringValue())
                .isEqualTo("generateContent");
    }

    @Test
    void defaultModelListIsSmallAndNonEmpty() {
        JsonNode list = SimClient.json(http.send(http.get("/v1/models").header("Authorization", "Bearer " + KEY).build()).body());

        assertThat(list.path("data").size()).isEqualTo(KeyBehaviour.DEFAULT_MODELS.size());
    }

    @Test
    void openRouterKeyProbeAnswersForKnownKeysOnly() {
        HttpResponse<String> known = http.send(http.get("/api/v1/key").header("Authorization", "Bearer " + KEY).build());
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(known.body()).path("data").path("label").stringValue()).isEqualTo("sim");

        HttpResponse<String> unknown = http.send(http.get("/api/v1/key").header("Authorization", "Bearer sk-or-nobody").build());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(SimClient.json(unknown.body()).path("error").path("message").stringValue()).isEqualTo("User not found.");
        assertThat(SimClient.json(unknown.body()).path("error").path("code").asInt()).isEqualTo(401);
    }

    @Test
    void metadataProbesCountButAreNotFaultedDelayedOrCapped() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(0).failingAlways(Fault.hang())
                .withLatency(Duration.ofMinutes(5)));

        assertThat(http.send(http.get("/v1/models").header("Authorization", "Bearer " + KEY).build()).statusCode()).isEqualTo(200);
        assertThat(http.send(http.get("/api/v1/key").header("Authorization", "Bearer " + KEY).build()).statusCode()).isEqualTo(200);

        KeyStats stats = sim.stats(KEY);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.succeeded()).isEqualTo(2);
        assertThat(stats.countOf(200)).isEqualTo(2);
        assertThat(stats.maxInFlight()).isZero();
    }

    @Test
    void largeBodiesAreReadFully() {
        String big = "x".repeat(9 * 1024 * 1024);
        HttpResponse<String> response = http.send(http.chat(KEY, "m", big));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(response.body()).path("usage").path("prompt_tokens").asLong())
                .isEqualTo((16 + big.length() + 3) / 4);
        assertThat(sim.capturedRequests(KEY).getFirst().body()).contains(big);
    }

    @Test
    void invalidJsonIsA400InTheFormatsEnvelope() {
        HttpResponse<String> response = http.send(http.post("/v1/messages", "{not json")
                .header("x-api-key", KEY).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(response.body()).path("error").path("type").stringValue()).isEqualTo("invalid_request_error");
    }

    @Test
    void unknownPathIs404Json() {
        HttpResponse<String> response = http.send(http.get("/v1/embeddings?key=" + KEY).build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(response.body()).path("error").path("message").stringValue()).isEqualTo("Unknown endpoint.");
        assertThat(response.body()).doesNotContain(KEY);
    }
}
