package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI Responses events (also Azure): {@code response.output_text.delta} pieces, then
 * {@code response.completed} or {@code response.incomplete} carrying the whole response (status,
 * usage) as the final event; {@code response.failed} and {@code error} are the provider failing.
 */
public final class ResponsesStream extends StreamAssembler {

    public ResponsesStream(long maxTextChars) {
        super(maxTextChars);
    }

    @Override
    public void onEvent(String event, String data) throws StreamFailure {
        JsonNode payload = json(data);
        String type = payload.path("type").asString(event);
        switch (type) {
            case "response.output_text.delta" -> append(payload.path("delta").asString(""));
            case "response.completed", "response.incomplete" -> {
                JsonNode response = payload.path("response");
                String incomplete = response.path("incomplete_details").path("reason").asString("");
                finish = "response.completed".equals(type) ? FinishReason.STOP
                        : "content_filter".equals(incomplete) ? FinishReason.CONTENT_FILTER
                        : "max_output_tokens".equals(incomplete) ? FinishReason.LENGTH : FinishReason.OTHER;
                JsonNode usage = response.path("usage");
                inputTokens = ChatStream.number(usage.get("input_tokens"));
                outputTokens = ChatStream.number(usage.get("output_tokens"));
                reasoningTokens = ChatStream.number(usage.path("output_tokens_details").get("reasoning_tokens"));
                cachedTokens = ChatStream.number(usage.path("input_tokens_details").get("cached_tokens"));
                completed();
            }
            case "response.failed", "error" ->
                    throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "the provider sent '" + type + "' mid-stream");
            default -> { }
        }
    }
}
