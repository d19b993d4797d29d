package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chat-completions client against the simulator over real HTTP. */
class ChatCompletionsProviderTest {

    private static ProviderSimulator simulator;
    private static ProviderClients clients;
    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage(MessageRole.SYSTEM, "Review."),
            new ChatMessage(MessageRole.USER, "diff --git a/x b/x"));

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void sendsTheModelMessagesAndSettingsAndReadsContentAndUsage() {
        simulator.program("k-ok", KeyBehaviour.ok().withContent("Looks fine."));

        ProviderResult result = clients.call(request("k-ok", 0.2, 2048));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Success.class, s -> {
            assertThat(s.content()).isEqualTo("Looks fine.");
            assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(s.usage().inputTokens()).isPositive();
        });
        CapturedRequest sent = simulator.capturedRequests("k-ok").getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer k-ok");
        assertThat(sent.body()).contains("\"model\":\"glm-5.1\"", "\"temperature\":0.2", "\"max_tokens\":2048",
                "\"role\":\"system\"", "\"content\":\"diff --git a/x b/x\"");
    }

    @Test
    void unsetSettingsAreNotSentAtAll() {
        simulator.program("k-min", KeyBehaviour.ok());

        clients.call(request("k-min", null, null));

        assertThat(simulator.capturedRequests("k-min").getFirst().body()).doesNotContain("temperature", "max_tokens");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Fault.rateLimited(Duration.ofSeconds(3)), AttemptOutcome.RATE_LIMITED, 429),
                Arguments.of(Fault.httpError(500, "boom"), AttemptOutcome.SERVER_ERROR, 500),
                Arguments.of(Fault.httpError(503, "overloaded"), AttemptOutcome.SERVER_ERROR, 503),
                Arguments.of(Fault.httpError(401, "bad key"), AttemptOutcome.AUTH_FAILED, 401),
                Arguments.of(Fault.httpError(402, "no credit"), AttemptOutcome.PAYMENT_REQUIRED, 402),
                Arguments.of(Fault.httpError(404, "no model"), AttemptOutcome.MODEL_NOT_FOUND, 404),
                Arguments.of(Fault.httpError(400, "bad"), AttemptOutcome.INVALID_REQUEST, 400),
                Arguments.of(Fault.connectionDrop(), AttemptOutcome.NETWORK, null),
                Arguments.of(Fault.truncated(), AttemptOutcome.SERVER_ERROR, 200),
                Arguments.of(Fault.emptyLength(), AttemptOutcome.SERVER_ERROR, 200));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void everyFailureMapsToItsAttemptOutcome(Fault fault, AttemptOutcome expected, Integer status) {
        String key = "k-" + fault.getClass().getSimpleName() + "-" + expected;
        simulator.program(key, KeyBehaviour.ok().failingAlways(fault));

        ProviderResult result = clients.call(request(key, null, null));

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.httpStatus()).isEqualTo(status);
    }

    @Test
    void aRetryAfterHintIsReadIntoTheFailure() {
        simulator.program("k-ra", KeyBehaviour.ok().failingAlways(new Fault.RateLimited(Duration.ofMillis(1500), true)));

        ProviderResult result = clients.call(request("k-ra", null, null));

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void aSilentUpstreamTimesOut() {
        simulator.program("k-hang", KeyBehaviour.ok().failingAlways(Fault.hang()));

        ProviderResult result = clients.call(new ProviderRequest(settings(null, null), "k-hang", MESSAGES,
                Duration.ofMillis(300)));

        assertThat(result.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
    }

    @Test
    void aRefusedConnectionIsANetworkFailure() {
        SlotSettings nowhere = new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "m", null, null, null, null,
                ThinkingLevel.OFF, null, null, null, "http://127.0.0.1:1/v1");

        ProviderResult result = clients.call(new ProviderRequest(nowhere, "k", MESSAGES, Duration.ofSeconds(2)));

        assertThat(result.outcome()).isEqualTo(AttemptOutcome.NETWORK);
    }

    @Test
    void theEgressGuardIsCheckedAgainBeforeEveryCall() {
        ProviderClients strict = new ProviderClients(EgressGuard.fromAllowList(""), Clock.systemUTC(),
                Duration.ofSeconds(2));
        simulator.program("k-guard", KeyBehaviour.ok());

        ProviderResult result = strict.call(request("k-guard", null, null));

        assertThat(result.outcome()).isEqualTo(AttemptOutcome.INVALID_REQUEST);
        assertThat(simulator.stats("k-guard").requests()).isZero();
    }

    private static ProviderRequest request(String key, Double temperature, Integer maxTokens) {
        return new ProviderRequest(settings(temperature, maxTokens), key, MESSAGES, Duration.ofSeconds(5));
    }

    private static SlotSettings settings(Double temperature, Integer maxTokens) {
        return new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", null, null, temperature, maxTokens,
                ThinkingLevel.OFF, null, null, null, simulator.rootUrl() + "/v1");
    }
}
