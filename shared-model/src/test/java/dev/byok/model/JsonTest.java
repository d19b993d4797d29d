package dev.byok.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonTest {

    @Test
    void readsTheContractExampleOfAReviewRequest() {
        String json = """
                {"schemaVersion":1,"reviewId":"pr-4711-r1","orgId":"acme",
                 "messages":[{"role":"system","content":"You are a code reviewer..."},
                             {"role":"user","content":"diff --git a/..."}],
                 "metadata":{"repository":"acme/api","pullRequest":4711},
                 "requestedAt":"2026-11-26T12:00:00Z"}""";

        ReviewRequested request = Json.lenient().readValue(json, ReviewRequested.class);

        assertThat(request.reviewId()).isEqualTo("pr-4711-r1");
        assertThat(request.messages()).extracting(ChatMessage::role).containsExactly(MessageRole.SYSTEM, MessageRole.USER);
        assertThat(request.metadata()).containsEntry("pullRequest", 4711);
        assertThat(request.requestedAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void writesAnOutcomeInTheContractShape() {
        ReviewOutcome outcome = new ReviewOutcome(1, "r1", "acme", ReviewStatus.COMPLETED, Slot.FALLBACK,
                ProviderId.ANTHROPIC, "claude-sonnet-4-6", "LGTM", FinishReason.STOP, new Usage(10L, 5L, null),
                List.of(new Attempt(Slot.MAIN, ProviderId.OPENAI_COMPATIBLE, "glm-5.1", AttemptOutcome.RATE_LIMITED, 429,
                        88, Instant.parse("2026-11-26T12:00:01Z"), null, null)),
                null, Map.of("pullRequest", 4711), Instant.parse("2026-11-26T12:00:07Z"));

        String json = Json.strict().writeValueAsString(outcome);

        assertThat(json).contains("\"servedBy\":\"fallback\"", "\"provider\":\"anthropic\"", "\"finishReason\":\"stop\"",
                "\"outcome\":\"RATE_LIMITED\"", "\"startedAt\":\"2026-11-26T12:00:01Z\"", "\"error\":null",
                "\"provider\":\"openai_compatible\"");
        assertThat(json).doesNotContain("retryAfterMs");
        assertThat(Json.strict().readValue(json, ReviewOutcome.class)).isEqualTo(outcome);
    }

    @Test
    void aFailedOutcomeCarriesNoContentField() {
        ReviewOutcome failed = ReviewOutcome.failed("r1", "acme", ErrorCode.BYOK_NOT_CONFIGURED, "no config",
                List.of(), Map.of(), Instant.parse("2026-11-26T12:00:07Z"));

        assertThat(Json.strict().writeValueAsString(failed)).doesNotContain("\"content\"").contains("\"servedBy\":null");
    }

    @Test
    void theStrictReaderRejectsUnknownFieldsAndTheLenientOneIgnoresThem() {
        String json = """
                {"provider":"openai","model":"gpt-5.4","apiKy":"typo"}""";

        assertThatThrownBy(() -> Json.strict().readValue(json, SlotConfig.class)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("apiKy");
        assertThat(Json.lenient().readValue(json, SlotConfig.class).provider()).isEqualTo(ProviderId.OPENAI);
    }

    @Test
    void aSlotConfigNeverPrintsItsKey() {
        SlotConfig config = new SlotConfig(ProviderId.OPENAI, "gpt-5.4", null, null, "sk-secret-value-1234", null, null,
                null, null, null, null);

        assertThat(config.toString()).doesNotContain("sk-secret-value-1234");
        assertThat(config.withoutKey().apiKey()).isNull();
    }
}
