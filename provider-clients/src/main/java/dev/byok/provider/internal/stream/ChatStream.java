package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI chat-completions chunks (also Azure chat, OpenRouter, Novita and OpenAI-compatible APIs):
 * {@code choices[0].delta.content} pieces, a {@code finish_reason} on the last choice chunk, the usage
 * in a chunk of its own ({@code stream_options.include_usage}), then {@code data: [DONE]} as the
 * final event. An {@code error} object in a chunk is the provider failing mid-stream.
 */
public final class ChatStream extends StreamAssembler {

    public ChatStream(long maxTextChars) {
        super(maxTextChars);
    }

    @Override
    public void onEvent(String event, String data) throws StreamFailure {
        if ("[DONE]".equals(data.strip())) {
            completed();
            return;
        }
        JsonNode chunk = json(data);
        if (chunk.hasNonNull("error")) {
            throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "the provider sent an error event mid-stream");
        }
        JsonNode choice = chunk.path("choices").path(0);
        append(choice.path("delta").path("content").asString(""));
        String reason = choice.path("finish_reason").asString("");
        if (!reason.isEmpty()) {
            finish = switch (reason) {
                case "stop", "end_turn" -> FinishReason.STOP;
                case "length" -> FinishReason.LENGTH;
                case "content_filter" -> FinishReason.CONTENT_FILTER;
                default -> FinishReason.OTHER;
            };
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            inputTokens = number(usage.get("prompt_tokens"));
            outputTokens = number(usage.get("completion_tokens"));
            reasoningTokens = number(usage.path("completion_tokens_details").get("reasoning_tokens"));
            cachedTokens = number(usage.path("prompt_tokens_details").get("cached_tokens"));
        }
    }

    static Long number(JsonNode node) {
        return node != null && node.isNumber() ? node.asLong() : null;
    }
}
