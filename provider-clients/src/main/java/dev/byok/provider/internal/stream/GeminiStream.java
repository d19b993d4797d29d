package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} (also Vertex): every event is a partial
 * GenerateContentResponse; text parts (not thoughts) are appended, the usage of the latest event
 * counts, and the event whose candidate has a {@code finishReason} is the final one.
 */
public final class GeminiStream extends StreamAssembler {

    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY");

    public GeminiStream(long maxTextChars) {
        super(maxTextChars);
    }

    @Override
    public void onEvent(String event, String data) throws StreamFailure {
        JsonNode chunk = json(data);
        if (chunk.path("error").isObject()) {
            throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "the provider sent an error event mid-stream");
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                append(part.path("text").asString(""));
            }
        }
        JsonNode usage = chunk.path("usageMetadata");
        if (usage.isObject()) {
            inputTokens = ChatStream.number(usage.get("promptTokenCount"));
            cachedTokens = ChatStream.number(usage.get("cachedContentTokenCount"));
            Long candidates = ChatStream.number(usage.get("candidatesTokenCount"));
            Long thoughts = ChatStream.number(usage.get("thoughtsTokenCount"));
            outputTokens = candidates == null && thoughts == null ? null
                    : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
            reasoningTokens = thoughts;
        }
        String reason = candidate.path("finishReason").asString("");
        if (!reason.isEmpty()) {
            finish = FILTERED.contains(reason) ? FinishReason.CONTENT_FILTER
                    : "STOP".equals(reason) ? FinishReason.STOP
                    : "MAX_TOKENS".equals(reason) ? FinishReason.LENGTH : FinishReason.OTHER;
            completed();
        }
    }
}
