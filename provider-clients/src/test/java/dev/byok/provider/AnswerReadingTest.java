package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.model.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 200 answers the simulator does not produce: errors inside a 200, filters, odd finish reasons, usage details. */
class AnswerReadingTest {

    private static StubServer stub;
    private static ProviderClients clients;

    @BeforeAll
    static void start() {
        stub = StubServer.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("chat error inside a 200", ProviderId.OPEN_ROUTER,
                        "{\"error\":{\"code\":502,\"message\":\"upstream\"},\"choices\":[]}",
                        AttemptOutcome.SERVER_ERROR, null),
                Arguments.of("chat non-standard finish reason", ProviderId.OPENAI_COMPATIBLE,
                        "{\"choices\":[{\"message\":{\"content\":\"half\"},\"finish_reason\":\"network_error\"}]}",
                        AttemptOutcome.SERVER_ERROR, null),
                Arguments.of("chat content filter without text", ProviderId.NOVITA,
                        "{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"content_filter\"}]}",
                        AttemptOutcome.CONTENT_FILTERED, null),
                Arguments.of("chat length with text is a review", ProviderId.OPENAI_COMPATIBLE,
                        "{\"choices\":[{\"message\":{\"content\":\"partial\",\"reasoning_content\":\"...\"},"
                                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,"
                                + "\"completion_tokens\":9,\"completion_tokens_details\":{\"reasoning_tokens\":4}}}",
                        AttemptOutcome.SUCCESS, FinishReason.LENGTH),
                Arguments.of("responses failed", ProviderId.OPENAI,
                        "{\"status\":\"failed\",\"error\":{\"code\":\"server_error\"},\"output\":[]}",
                        AttemptOutcome.SERVER_ERROR, null),
                Arguments.of("responses incomplete with text", ProviderId.OPENAI,
                        "{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
                                + "\"error\":null,\"output\":[{\"type\":\"reasoning\"},{\"type\":\"message\","
                                + "\"content\":[{\"type\":\"output_text\",\"text\":\"part\"}]}]}",
                        AttemptOutcome.SUCCESS, FinishReason.LENGTH),
                Arguments.of("anthropic refusal", ProviderId.ANTHROPIC,
                        "{\"type\":\"message\",\"content\":[],\"stop_reason\":\"refusal\"}",
                        AttemptOutcome.CONTENT_FILTERED, null),
                Arguments.of("anthropic error event in a 200", ProviderId.ANTHROPIC,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}",
                        AttemptOutcome.SERVER_ERROR, null),
                Arguments.of("anthropic thinking then text", ProviderId.ANTHROPIC,
                        "{\"type\":\"message\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\"},"
                                + "{\"type\":\"text\",\"text\":\"LGTM\"}],\"stop_reason\":\"end_turn\"}",
                        AttemptOutcome.SUCCESS, FinishReason.STOP),
                Arguments.of("gemini blocked prompt", ProviderId.GOOGLE_GEMINI,
                        "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", AttemptOutcome.CONTENT_FILTERED, null),
                Arguments.of("gemini safety stop", ProviderId.GOOGLE_GEMINI,
                        "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"SAFETY\"}]}",
                        AttemptOutcome.CONTENT_FILTERED, null),
                Arguments.of("gemini thoughts are not the answer", ProviderId.GOOGLE_GEMINI,
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"thinking\",\"thought\":true},"
                                + "{\"text\":\"LGTM\"}]},\"finishReason\":\"STOP\"}]}",
                        AttemptOutcome.SUCCESS, FinishReason.STOP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void aTwoHundredIsReadForWhatItReallySays(String name, ProviderId provider, String body, AttemptOutcome outcome,
            FinishReason finish) {
        stub.answer(200, body);

        ProviderResult result = call(provider);

        assertThat(result.outcome()).isEqualTo(outcome);
        if (result instanceof ProviderResult.Success success) {
            assertThat(success.finishReason()).isEqualTo(finish);
            assertThat(success.content()).isIn("partial", "part", "LGTM");
        }
    }

    @Test
    void anthropicInputCountsCacheReadsAndWrites() {
        stub.answer(200, "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":5,"
                + "\"cache_read_input_tokens\":100,\"output_tokens\":7}}");

        assertThat(call(ProviderId.ANTHROPIC)).isInstanceOfSatisfying(ProviderResult.Success.class,
                s -> assertThat(s.usage()).isEqualTo(new Usage(115L, 7L, null, 100L)));
    }

    @Test
    void geminiOutputIncludesThoughtsWhichAreAlsoTheReasoningCount() {
        stub.answer(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok\"}]},\"finishReason\":"
                + "\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":3,"
                + "\"thoughtsTokenCount\":40,\"cachedContentTokenCount\":8}}");

        assertThat(call(ProviderId.GOOGLE_GEMINI)).isInstanceOfSatisfying(ProviderResult.Success.class,
                s -> assertThat(s.usage()).isEqualTo(new Usage(20L, 43L, 40L, 8L)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ProviderId.class, names = {"OPENAI_COMPATIBLE", "OPEN_ROUTER",
            "NOVITA"})
    void chatCompletionsUsageCarriesReasoningTokens(ProviderId provider) {
        stub.answer(200, "{\"choices\":[{\"message\":{\"content\":\"ok\",\"reasoning_content\":\"...\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":4},\"prompt_tokens_details\":{\"cached_tokens\":2}}}");

        assertThat(call(provider)).isInstanceOfSatisfying(ProviderResult.Success.class,
                s -> assertThat(s.usage()).isEqualTo(new Usage(5L, 9L, 4L, 2L)));
    }

    @Test
    void responsesUsageCarriesReasoningTokens() {
        stub.answer(200, "{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
                + "\"output_text\",\"text\":\"ok\"}]}],\"usage\":{\"input_tokens\":9,\"output_tokens\":30,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":25},\"input_tokens_details\":{\"cached_tokens\":3}}}");

        assertThat(call(ProviderId.OPENAI)).isInstanceOfSatisfying(ProviderResult.Success.class,
                s -> assertThat(s.usage()).isEqualTo(new Usage(9L, 30L, 25L, 3L)));
    }

    private static ProviderResult call(ProviderId provider) {
        SlotSettings settings = new SlotSettings(provider, "m-1", null, null, null, 100, ThinkingLevel.OFF, null, null,
                null, stub.rootUrl() + "/v1");
        return clients.call(new ProviderRequest(settings, "sk-test-answers-0123456789",
                AbstractProviderContractTest.MESSAGES, Duration.ofSeconds(5)));
    }
}
