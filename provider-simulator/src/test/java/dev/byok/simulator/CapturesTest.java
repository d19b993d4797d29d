package dev.byok.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CapturesTest {

    private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");

    private ProviderSimulator sim;
    private SimClient http;

    @BeforeEach
    void start() {
        sim = ProviderSimulator.start(0, Clock.fixed(NOW, ZoneOffset.UTC));
        http = new SimClient(sim);
        sim.program("sk-a", KeyBehaviour.ok());
        sim.program("sk-b", KeyBehaviour.ok());
    }

    @AfterEach
    void stop() {
        http.close();
        sim.close();
    }

    @Test
    void capturesKeepMethodPathHeadersBodyTimeAndKey() {
        http.send(http.anthropic("sk-a", "claude-sonnet-4-6", "review this"));

        CapturedRequest captured = sim.capturedRequests("sk-a").getFirst();
        assertThat(captured.method()).isEqualTo("POST");
        assertThat(captured.path()).isEqualTo("/v1/messages");
        assertThat(captured.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(captured.header("X-Api-Key")).isEqualTo("sk-a");
        assertThat(captured.headers()).containsKey("content-type");
        assertThat(SimClient.json(captured.body()).path("messages").get(0).path("content").stringValue()).isEqualTo("review this");
        assertThat(captured.receivedAt()).isEqualTo(NOW);
        assertThat(captured.apiKey()).isEqualTo("sk-a");
    }

    @Test
    void capturesAreKeptPerKeyInArrivalOrder() {
        http.send(http.chat("sk-a", "m", "one"));
        http.send(http.chat("sk-b", "m", "two"));
        http.send(http.chat("sk-a", "m", "three"));
        http.send(http.chat("sk-nobody", "m", "four"));
        http.send(http.post("/v1/chat/completions", "{}").build());

        assertThat(sim.capturedRequests("sk-a")).extracting(c -> SimClient.json(c.body()).path("messages").get(1).path("content").stringValue())
                .containsExactly("one", "three");
        assertThat(sim.capturedRequests("sk-nobody")).hasSize(1);
        List<CapturedRequest> all = sim.capturedRequests();
        assertThat(all).extracting(CapturedRequest::apiKey).containsExactly("sk-a", "sk-b", "sk-a", "sk-nobody", null);
    }

    @Test
    void resetForgetsKeysStatsAndCaptures() {
        http.send(http.chat("sk-a", "m", "one"));

        sim.reset();

        assertThat(sim.capturedRequests()).isEmpty();
        assertThat(sim.capturedRequests("sk-a")).isEmpty();
        assertThat(sim.stats("sk-a")).isEqualTo(KeyStats.EMPTY);
        assertThat(http.send(http.chat("sk-a", "m", "one")).statusCode()).isEqualTo(401);
    }

    @Test
    void toStringNeverShowsTheKey() {
        CapturedRequest request = new CapturedRequest("POST", "/v1beta/models/g:generateContent?alt=sse&key=sk-secret",
                Map.of("authorization", List.of("Bearer sk-secret"), "x-api-key", List.of("sk-secret"),
                        "x-goog-api-key", List.of("sk-secret"), "accept", List.of("application/json")),
                "{}", NOW, "sk-secret");

        assertThat(request.toString()).doesNotContain("sk-secret").contains("application/json").contains("alt=sse");
    }
}
