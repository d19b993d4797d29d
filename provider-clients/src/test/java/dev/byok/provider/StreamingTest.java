package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.CloudSettings;
import dev.byok.model.FinishReason;
import dev.byok.model.MessageRole;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streamed calls against the simulator's event streams in each format: the answer is assembled from
 * the events (text, usage, finish reason); a stream that stalls fails after the idle timeout, one
 * cut mid-event is TRUNCATED, a malformed event is a failure; and a stream that takes longer than
 * the per-call deadline completes while its events keep coming.
 */
class StreamingTest {

    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage(MessageRole.SYSTEM, "You review code."),
            new ChatMessage(MessageRole.USER, "diff --git a/x b/x\n+ total += qty;"));
    private static final String REVIEW = "Line 12 adds qty without checking that it is positive; guard it.";

    private static ProviderSimulator simulator;
    private static ProviderClients clients;

    /** The streamed formats: one slot provider each (Azure and Vertex reuse the OpenAI and Gemini events). */
    enum Format {
        RESPONSES(ProviderId.OPENAI, "gpt-4.1", "/v1"),
        CHAT(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", "/v1"),
        ANTHROPIC(ProviderId.ANTHROPIC, "claude-sonnet-4-6", "/v1"),
        GEMINI(ProviderId.GOOGLE_GEMINI, "gemini-3.1-pro-preview", "/v1beta"),
        AZURE(ProviderId.AZURE_OPENAI, "gpt-4.1", "/openai"),
        VERTEX(ProviderId.GOOGLE_VERTEX, "gemini-3.1-pro-preview", "/v1/publishers/google");

        final ProviderId provider;
        final String model;
        final String basePath;

        Format(ProviderId provider, String model, String basePath) {
            this.provider = provider;
            this.model = model;
            this.basePath = basePath;
        }
    }

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2),
                8L * 1024 * 1024, 64L * 1024 * 1024, new StreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStreamedAnswerIsAssembledFromItsEvents(Format format) {
        String key = key(KeyBehaviour.ok().withContent(REVIEW));

        ProviderResult result = call(format, key, Duration.ofSeconds(10));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Success.class, success -> {
            assertThat(success.content()).isEqualTo(REVIEW);
            assertThat(success.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(success.usage().inputTokens()).isPositive();
            assertThat(success.usage().outputTokens()).isPositive();
        });
        CapturedRequest sent = simulator.capturedRequests(key).getLast();
        assertThat(sent.body().contains("\"stream\":true") || sent.path().contains(":streamGenerateContent?alt=sse"))
                .as(sent.path()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStreamThatStallsFailsAfterTheIdleTimeoutNotAtTheDeadline(Format format) {
        String key = key(KeyBehaviour.ok().withContent(REVIEW).failingAlways(new Fault.StreamBreak(
                Fault.StreamBreak.Kind.STALL)));
        long started = System.nanoTime();

        ProviderResult result = call(format, key, Duration.ofSeconds(10));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class, failure -> {
            assertThat(failure.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
            assertThat(failure.detail()).contains("no bytes for 1.0 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStreamCutMidEventIsTruncatedNeverASuccess(Format format) {
        String key = key(KeyBehaviour.ok().withContent(REVIEW).failingAlways(new Fault.StreamBreak(
                Fault.StreamBreak.Kind.CUT)));

        ProviderResult result = call(format, key, Duration.ofSeconds(10));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class,
                failure -> assertThat(failure.outcome()).isEqualTo(AttemptOutcome.TRUNCATED));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aMalformedEventFailsTheCall(Format format) {
        String key = key(KeyBehaviour.ok().withContent(REVIEW).failingAlways(new Fault.StreamBreak(
                Fault.StreamBreak.Kind.MALFORMED)));

        ProviderResult result = call(format, key, Duration.ofSeconds(10));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class, failure -> {
            assertThat(failure.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
            assertThat(failure.detail()).contains("not valid JSON");
        });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aStreamLongerThanTheCallDeadlineCompletesWhileEventsKeepComing(Format format) {
        // Eight characters an event, 150 ms apart: about 1.5 s of events against a 0.5 s per-call deadline.
        String key = key(KeyBehaviour.ok().withContent(REVIEW).failingAlways(new Fault.SlowStream(
                Duration.ofMillis(150))));

        ProviderResult result = call(format, key, Duration.ofMillis(500));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Success.class,
                success -> assertThat(success.content()).isEqualTo(REVIEW));
    }

    private static ProviderResult call(Format format, String key, Duration callDeadline) {
        CloudSettings cloud = switch (format.provider) {
            case AZURE_OPENAI -> new CloudSettings("contoso", "v1", "responses", null, null, null, null);
            case GOOGLE_VERTEX -> new CloudSettings(null, null, null, null, null, null, "api-key");
            default -> null;
        };
        String root = simulator.rootUrl() + format.basePath;
        SlotSettings settings = new SlotSettings(format.provider, format.model, root, null, null, 1000,
                ThinkingLevel.OFF, null, null, null, root, cloud, true);
        return clients.call(new ProviderRequest(settings, key, MESSAGES, callDeadline));
    }

    private static String key(KeyBehaviour behaviour) {
        String key = "sk-stream-" + UUID.randomUUID();
        simulator.program(key, behaviour);
        return key;
    }
}
