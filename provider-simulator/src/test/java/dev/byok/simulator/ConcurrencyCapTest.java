package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConcurrencyCapTest {

    private static final String KEY = "sk-glm-coding-plan";
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
    void requestsBeyondTheCapAreRejectedWithGlm1302WhileTheAdmittedOnesRun() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(2).withLatency(Duration.ofSeconds(3)));

        List<CompletableFuture<HttpResponse<String>>> admitted = fire(2);
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 2);
        List<HttpResponse<String>> rejected = fire(3).stream().map(CompletableFuture::join).toList();

        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            JsonNode error = SimClient.json(r.body()).path("error");
            assertThat(error.path("code").stringValue()).isEqualTo("1302");
            assertThat(error.path("message").stringValue()).isEqualTo("Too much concurrency: High concurrency usage "
                    + "of this API, please reduce concurrency or contact customer service to increase limits");
        });
        assertThat(admitted).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        KeyStats stats = sim.stats(KEY);
        assertThat(stats.requests()).isEqualTo(5);
        assertThat(stats.succeeded()).isEqualTo(2);
        assertThat(stats.concurrencyRejections()).isEqualTo(3);
        assertThat(stats.countOf(429)).isEqualTo(3);
        assertThat(stats.maxInFlight()).isGreaterThanOrEqualTo(3);
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aBurstNeverGetsMoreThanTheCapAdmitted() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(2).withLatency(Duration.ofMillis(300)));

        List<HttpResponse<String>> responses = fire(5).stream().map(CompletableFuture::join).toList();

        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        long rejected = responses.stream().filter(r -> r.statusCode() == 429).count();
        KeyStats stats = sim.stats(KEY);
        assertThat(ok + rejected).isEqualTo(5);
        assertThat(ok).isGreaterThanOrEqualTo(2);
        assertThat(stats.succeeded()).isEqualTo(ok);
        assertThat(stats.concurrencyRejections()).isEqualTo(rejected).isEqualTo(stats.requests() - stats.succeeded());
        if (rejected > 0) {
            // A rejection happens only when 2 were admitted and it had arrived too.
            assertThat(stats.maxInFlight()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aClientThatWaitsForEachAnswerNeverOverlaps() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(1));

        for (int i = 0; i < 20; i++) {
            assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(200);
        }

        assertThat(sim.stats(KEY).maxInFlight()).isEqualTo(1);
        assertThat(sim.stats(KEY).concurrencyRejections()).isZero();
    }

    @Test
    void maxInFlightCountsRequestsHandledAtTheSameMoment() {
        sim.program(KEY, KeyBehaviour.ok().withLatency(Duration.ofSeconds(2)));

        List<CompletableFuture<HttpResponse<String>>> running = fire(4);
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 4);
        running.forEach(CompletableFuture::join);

        KeyStats stats = sim.stats(KEY);
        assertThat(stats.maxInFlight()).isEqualTo(4);
        assertThat(stats.inFlight()).isZero();
        assertThat(stats.succeeded()).isEqualTo(4);
    }

    @Test
    void capsAreCountedPerKey() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(1).failingAlways(Fault.hang()));
        sim.program("sk-other-org", KeyBehaviour.ok().withConcurrencyCap(1));

        http.sendAsync(http.chat(KEY, "m", "hi"));
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 1);

        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(429);
        assertThat(http.send(http.chat("sk-other-org", "m", "hi")).statusCode()).isEqualTo(200);
    }

    @Test
    void anthropicAndGeminiRejectInTheirOwn429Envelopes() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(0));

        HttpResponse<String> anthropic = http.send(http.anthropic(KEY, "claude", "hi"));
        assertThat(anthropic.statusCode()).isEqualTo(429);
        JsonNode anthropicBody = SimClient.json(anthropic.body());
        assertThat(anthropicBody.path("type").stringValue()).isEqualTo("error");
        assertThat(anthropicBody.path("error").path("type").stringValue()).isEqualTo("rate_limit_error");
        assertThat(anthropicBody.path("error").path("message").stringValue()).startsWith("Too much concurrency");

        HttpResponse<String> gemini = http.send(http.gemini(KEY, "gemini-2.5-flash", "hi"));
        assertThat(gemini.statusCode()).isEqualTo(429);
        JsonNode geminiError = SimClient.json(gemini.body()).path("error");
        assertThat(geminiError.path("code").asInt()).isEqualTo(429);
        assertThat(geminiError.path("status").stringValue()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(geminiError.path("message").stringValue()).startsWith("Too much concurrency");

        assertThat(sim.stats(KEY).concurrencyRejections()).isEqualTo(2);
    }

    @Test
    void rejectedRequestsDoNotConsumeQueuedFaults() {
        sim.program(KEY, KeyBehaviour.ok().withConcurrencyCap(1)
                .withFaultSequence(Fault.slowFirstByte(Duration.ofSeconds(2)), Fault.httpError(500, "boom")));

        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(http.chat(KEY, "m", "hi"));
        await().atMost(WAIT).until(() -> sim.stats(KEY).inFlight() == 1);
        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(429);
        assertThat(slow.join().statusCode()).isEqualTo(200);

        assertThat(http.send(http.chat(KEY, "m", "hi")).statusCode()).isEqualTo(500);
    }

    @Test
    void handlesHundredsOfConcurrentSlowRequests() {
        sim.program(KEY, KeyBehaviour.ok().withLatency(Duration.ofSeconds(2)));

        List<HttpResponse<String>> responses = fire(300).stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(sim.stats(KEY).maxInFlight()).isGreaterThanOrEqualTo(100);
    }

    private List<CompletableFuture<HttpResponse<String>>> fire(int n) {
        return IntStream.range(0, n).mapToObj(i -> http.sendAsync(http.chat(KEY, "glm-4.7", "req " + i))).toList();
    }
}
