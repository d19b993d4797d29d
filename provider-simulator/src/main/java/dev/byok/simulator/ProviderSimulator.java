package dev.byok.simulator;

import dev.byok.simulator.internal.SimulatorServer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A local HTTP server that answers like the LLM providers do (OpenAI Chat Completions and Responses,
 * Anthropic Messages, Gemini generateContent, their model lists and OpenRouter's key probe), so the
 * project's clients can be tested over real HTTP, on real wire formats, with real failure modes.
 *
 * <p>Routing is by path suffix, so any base path works: point a client at {@code rootUrl() + "/v1"},
 * {@code rootUrl() + "/api/coding/paas/v4"} or {@code rootUrl() + "/v1beta"} alike. Each API key
 * behaves as {@link #program programmed}; keys never programmed are rejected as invalid in the
 * format's own way (401, or Gemini's 400 {@code API_KEY_INVALID}). Thread-safe. Keys and bodies are
 * never logged.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start()) {
 *     sim.program("sk-org-1", KeyBehaviour.ok().withConcurrencyCap(2).withLatency(Duration.ofMillis(300)));
 *     // ... run the client against sim.rootUrl() + "/v1" ...
 *     assertThat(sim.stats("sk-org-1").maxInFlight()).isLessThanOrEqualTo(2);
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {

    private final SimulatorServer server;

    private ProviderSimulator(SimulatorServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1 with the system clock. */
    public static ProviderSimulator start() {
        return start(0);
    }

    /** Starts on 127.0.0.1:{@code port} ({@code 0} for any free port). */
    public static ProviderSimulator start(int port) {
        return start(port, Clock.systemUTC());
    }

    /**
     * Starts with a given clock, which stamps captures ({@link CapturedRequest#receivedAt()}) and the
     * {@code created} fields of answers. Latencies always run in real time.
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static ProviderSimulator start(int port, Clock clock) {
        return new ProviderSimulator(SimulatorServer.start(port, Objects.requireNonNull(clock, "clock")));
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /** Registers {@code apiKey}, or replaces its behaviour and restarts its fault queue (stats and captures are kept). */
    public void program(String apiKey, KeyBehaviour behaviour) {
        server.program(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** A snapshot of the key's numbers; {@link KeyStats#EMPTY} for a key never seen. */
    public KeyStats stats(String apiKey) {
        return server.stats(apiKey);
    }

    /** The requests that carried {@code apiKey}, oldest first (at most the last 10,000). */
    public List<CapturedRequest> capturedRequests(String apiKey) {
        return server.captured(apiKey);
    }

    /** Every request, with or without a known key, oldest first (bounded; the oldest go first). */
    public List<CapturedRequest> capturedRequests() {
        return server.captured();
    }

    /** Forgets all keys, stats and captures, and drops requests hung by {@link Fault.Hang}. */
    public void reset() {
        server.reset();
    }

    /** Stops the server; requests still waiting (latency, slow first byte, hang) are dropped. Idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
