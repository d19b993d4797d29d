package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class FaultsTest {

    private static final String KEY = "sk-faulty";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ProviderSimulator sim;
    private SimClient http;

    @BeforeEach
    void start() {
        sim = ProviderSimulator.start();
        http = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        http.close();
        sim.close();
    }

    @Test
    void rateLimitedSendsRetryAfterRoundedUpAndRetryAfterMs() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, new Fault.RateLimited(Duration.ofMillis(1500), true)));

        HttpResponse<String> response = http.send(http.chat(KEY, "gpt-4.1", "hi"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        JsonNode error = SimClient.json(response.body()).path("error");
        assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").stringValue()).contains("Rate limit");
    }

    @Test
    void rateLimitedWithoutHintSendsNoRetryHeaders() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, Fault.rateLimited()));

        HttpResponse<String> response = http.send(http.anthropic(KEY, "claude", "hi"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
        assertThat(response.headers().firstValue("retry-after-ms")).isEmpty();
        assertThat(SimClient.json(response.body()).path("error").path("type").stringValue()).isEqualTo("rate_limit_error");
    }

    @Test
    void geminiRateLimitCarriesRetryInfo() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, Fault.rateLimited(Duration.ofSeconds(58))));

        HttpResponse<String> response = http.send(http.gemini(KEY, "gemini-2.5-flash", "hi"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("58");
        JsonNode error = SimClient.json(response.body()).path("error");
        assertThat(error.path("status").stringValue()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.path("details").get(0).path("@type").stringValue()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(error.path("details").get(0).path("retryDelay").stringValue()).isEqualTo("58s");
    }

    @Test
    void queuedFaultsAreConsumedInOrderThenAnswersSucceed() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, Fault.rateLimited()).failingNext(2, Fault.httpError(503, "busy")));

        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(429);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(503);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(503);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(200);

        KeyStats stats = sim.stats(KEY);
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.succeeded()).isEqualTo(1);
        assertThat(stats.byStatus()).containsEntry(429, 1L).containsEntry(503, 2L).containsEntry(200, 1L);
    }

    @Test
    void alwaysFaultAppliesOnceTheQueueIsEmpty() {
        sim.program(KEY, KeyBehaviour.ok().withFaultSequence(Fault.httpError(500, "first"))
                .failingAlways(new Fault.HttpError(529, null, null, "Overloaded")));

        assertThat(http.send(http.anthropic(KEY, "claude", "hi")).statusCode()).isEqualTo(500);
        HttpResponse<String> overloaded = http.send(http.anthropic(KEY, "claude", "hi"));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(SimClient.json(overloaded.body()).path("error").path("type").stringValue()).isEqualTo("overloaded_error");
        assertThat(http.send(http.anthropic(KEY, "claude", "hi")).statusCode()).isEqualTo(529);
    }

    @Test
    void reprogrammingRestartsTheQueue() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(5, Fault.httpError(500, "x")));
        sim.program(KEY, KeyBehaviour.ok());

        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(200);
    }

    @Test
    void httpErrorUsesEachFormatsEnvelope() {
        Fault zaiArrears = new Fault.HttpError(429, null, "1113", "Insufficient balance or no resource package.");
        sim.program(KEY, KeyBehaviour.ok().failingAlways(zaiArrears));

        JsonNode openAi = SimClient.json(http.send(http.chat(KEY, "glm-4.7", "hi")).body()).path("error");
        assertThat(openAi.path("code").stringValue()).isEqualTo("1113");
        assertThat(openAi.path("message").stringValue()).startsWith("Insufficient balance");
        assertThat(openAi.path("param").isNull()).isTrue();

        sim.program(KEY, KeyBehaviour.ok().failingAlways(new Fault.HttpError(429, "insufficient_quota", "insufficient_quota", "quota")));
        JsonNode quota = SimClient.json(http.send(http.responses(KEY, "gpt-5.1", "hi")).body()).path("error");
        assertThat(quota.path("type").stringValue()).isEqualTo("insufficient_quota");
        assertThat(quota.path("code").stringValue()).isEqualTo("insufficient_quota");

        sim.program(KEY, KeyBehaviour.ok().failingAlways(new Fault.HttpError(400, "FAILED_PRECONDITION", "BILLING", "no")));
        HttpResponse<String> gemini = http.send(http.gemini(KEY, "gemini-2.5-pro", "hi"));
        assertThat(gemini.statusCode()).isEqualTo(400);
        JsonNode geminiError = SimClient.json(gemini.body()).path("error");
        assertThat(geminiError.path("status").stringValue()).isEqualTo("FAILED_PRECONDITION");
        assertThat(geminiError.path("details").get(0).path("reason").stringValue()).isEqualTo("BILLING");

        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.httpError(503, "The model is overloaded.")));
        JsonNode unavailable = SimClient.json(http.send(http.gemini(KEY, "gemini-2.5-pro", "hi")).body()).path("error");
        assertThat(unavailable.path("status").stringValue()).isEqualTo("UNAVAILABLE");
        assertThat(unavailable.has("details")).isFalse();
    }

    @Test
    void metadataFaultsAnswerTheModelListAndKeyProbeButNotInference() {
        sim.program(KEY, KeyBehaviour.ok().failingMetadataCalls(Fault.rateLimited(Duration.ofSeconds(30))));

        HttpResponse<String> models = http.send(http.get("/v1/models").header("Authorization", "Bearer " + KEY).build());
        HttpResponse<String> key = http.send(http.get("/api/v1/key").header("Authorization", "Bearer " + KEY).build());
        assertThat(models.statusCode()).isEqualTo(429);
        assertThat(models.headers().firstValue("retry-after")).hasValue("30");
        assertThat(SimClient.json(models.body()).path("error").path("code").stringValue()).isEqualTo("rate_limit_exceeded");
        assertThat(key.statusCode()).isEqualTo(429);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).as("inference is not affected").isEqualTo(200);

        sim.program(KEY, KeyBehaviour.ok().failingMetadataCalls(Fault.httpError(404, "Not found")));
        HttpResponse<String> anthropic = http.send(http.get("/v1/models").header("x-api-key", KEY).build());
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(anthropic.body()).path("error").path("type").stringValue()).isEqualTo("not_found_error");

        sim.program(KEY, KeyBehaviour.ok().failingMetadataCalls(null));
        assertThat(http.send(http.get("/v1/models").header("Authorization", "Bearer " + KEY).build()).statusCode())
                .isEqualTo(200);
        assertThatThrownBy(() -> KeyBehaviour.ok().failingMetadataCalls(Fault.truncated()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hangNeverAnswersSoTheClientTimesOut() {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.hang()));
        HttpRequest request = HttpRequest.newBuilder(http.chat(KEY, "m", "hi"), (n, v) -> true)
                .timeout(Duration.ofMillis(500)).build();

        assertThatThrownBy(() -> http.sendRaw(request)).isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.stats(KEY).inFlight()).isEqualTo(1);
    }

    @Test
    void aStalledBodySendsTheHeadersAndHalfTheBodyThenKeepsTheRequestInFlight() throws IOException {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(new Fault.StalledBody(Duration.ofMinutes(1))));

        HttpResponse<java.io.InputStream> response = http.sendForStream(http.chat(KEY, "m", "hi"));
        long announced = response.headers().firstValueAsLong("content-length").orElseThrow();
        byte[] firstHalf = response.body().readNBytes((int) announced / 2);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(firstHalf, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{");
        assertThat(sim.stats(KEY).inFlight()).as("the body is not done").isEqualTo(1);
        assertThat(sim.stats(KEY).succeeded()).isZero();
    }

    @Test
    void aClientThatHangsUpOnAStalledBodyIsNoLongerInFlight() throws IOException {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(1).failingAlways(new Fault.StalledBody(Duration.ofMillis(50))));
        HttpResponse<java.io.InputStream> response = http.sendForStream(http.chat(KEY, "m", "hi"));
        assertThat(sim.stats(KEY).inFlight()).isEqualTo(1);

        response.body().close();
        http.close();

        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 0);
    }

    @Test
    void aStalledBodyThatIsWaitedForEndsAsANormalAnswer() {
        sim.program(KEY, KeyBehaviour.ok().withContent("late but whole").failingNext(1,
                new Fault.StalledBody(Duration.ofMillis(1))));

        HttpResponse<String> response = http.send(http.chat(KEY, "m", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(response.body()).path("choices").path(0).path("message").path("content").stringValue())
                .isEqualTo("late but whole");
        assertThat(sim.stats(KEY).inFlight()).isZero();
    }

    @Test
    void closeReleasesHangingRequests() {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.hang()));
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(http.chat(KEY, "m", "hi"));
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 1);

        sim.close();

        await().atMost(WAIT).until(hanging::isDone);
        assertThatThrownBy(hanging::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void resetReleasesHangingRequests() {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.hang()));
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(http.chat(KEY, "m", "hi"));
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 1);

        sim.reset();

        await().atMost(WAIT).until(hanging::isDone);
        assertThat(hanging).isCompletedExceptionally();
        assertThat(sim.stats(KEY)).isEqualTo(KeyStats.EMPTY);
    }

    @Test
    void closeCutsLatencyShort() {
        sim.program(KEY, KeyBehaviour.ok().withLatency(Duration.ofMinutes(10)));
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(http.chat(KEY, "m", "hi"));
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 1);

        sim.close();

        await().atMost(WAIT).until(slow::isDone);
        assertThat(slow).isCompletedExceptionally();
    }

    @Test
    void slowFirstByteDelaysThenAnswersNormally() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(2, Fault.slowFirstByte(Duration.ofMillis(400))));
        HttpRequest impatient = HttpRequest.newBuilder(http.chat(KEY, "m", "hi"), (n, v) -> true)
                .timeout(Duration.ofMillis(100)).build();

        assertThatThrownBy(() -> http.sendRaw(impatient)).isInstanceOf(HttpTimeoutException.class);
        long started = System.nanoTime();
        HttpResponse<String> patient = http.send(http.chat(KEY, "m", "hi"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(patient.body()).path("choices").get(0).path("finish_reason").stringValue()).isEqualTo("stop");
    }

    @Test
    void latencyDelaysEverySuccessfulAnswer() {
        sim.program(KEY, KeyBehaviour.ok().withLatency(Duration.ofMillis(300)));
        long started = System.nanoTime();

        assertThat(http.send(http.gemini(KEY, "gemini-2.5-flash", "hi")).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void connectionDropGivesTheClientAnIoError() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, Fault.connectionDrop()));

        assertThatThrownBy(() -> http.sendRaw(http.chat(KEY, "m", "hi"))).isInstanceOf(IOException.class);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(200);
        KeyStats stats = sim.stats(KEY);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.byStatus()).containsOnlyKeys(200);
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void truncatedIsA200WithUnparseableJson() {
        sim.program(KEY, KeyBehaviour.ok().failingNext(1, Fault.truncated()));

        HttpResponse<String> response = http.send(http.anthropic(KEY, "claude", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":\"msg_sim_");
        assertThatThrownBy(() -> SimClient.json(response.body())).isInstanceOf(JacksonException.class);
        assertThat(sim.stats(KEY).succeeded()).isZero();
        assertThat(sim.stats(KEY).countOf(200)).isEqualTo(1);
    }

    @Test
    void emptyLengthOnChatCompletions() {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.emptyLength()));
        String request = "{\"model\":\"glm-4.7\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        JsonNode body = SimClient.json(http.send(http.post("/v1/chat/completions", request)
                .header("Authorization", "Bearer " + KEY).build()).body());

        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("length");
        assertThat(choice.path("message").path("content").stringValue()).isEmpty();
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(64);
        assertThat(body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(64);
    }

    @Test
    void emptyLengthOnResponsesAnthropicAndGemini() {
        sim.program(KEY, KeyBehaviour.ok().failingAlways(Fault.emptyLength()));

        JsonNode responses = SimClient.json(http.send(http.responses(KEY, "gpt-5.1", "hi")).body());
        assertThat(responses.path("status").stringValue()).isEqualTo("incomplete");
        assertThat(responses.path("incomplete_details").path("reason").stringValue()).isEqualTo("max_output_tokens");
        assertThat(responses.path("output").isEmpty()).isTrue();
        assertThat(responses.path("usage").path("output_tokens").asLong()).isEqualTo(512);

        JsonNode anthropic = SimClient.json(http.send(http.anthropic(KEY, "claude", "hi")).body());
        assertThat(anthropic.path("stop_reason").stringValue()).isEqualTo("max_tokens");
        assertThat(anthropic.path("content").isEmpty()).isTrue();

        JsonNode gemini = SimClient.json(http.send(http.gemini(KEY, "gemini-2.5-flash", "hi")).body());
        JsonNode candidate = gemini.path("candidates").get(0);
        assertThat(candidate.path("finishReason").stringValue()).isEqualTo("MAX_TOKENS");
        assertThat(candidate.path("content").has("parts")).isFalse();
        assertThat(gemini.path("usageMetadata").path("thoughtsTokenCount").asLong()).isEqualTo(128);
        assertThat(gemini.path("usageMetadata").path("candidatesTokenCount").asLong()).isZero();
    }
}
