package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic Messages events: {@code message_start} (input usage), {@code content_block_delta} with
 * {@code text_delta} pieces (thinking deltas are not part of the answer), {@code message_delta}
 * (stop reason, output usage), then {@code message_stop} as the final event. An {@code error} event
 * ({@code overloaded_error} and the like) is the provider failing mid-stream.
 */
public final class AnthropicStream extends StreamAssembler {

    public AnthropicStream(long maxTextChars) {
        super(maxTextChars);
    }

    @Override
    public void onEvent(String event, String data) throws StreamFailure {
        JsonNode payload = json(data);
        String type = payload.path("type").asString(event);
        switch (type) {
            case "message_start" -> {
                JsonNode usage = payload.path("message").path("usage");
                // As in the unstreamed answer: input counts the tokens read from and written to the cache too.
                inputTokens = dev.byok.provider.internal.Answers.sum(usage.get("input_tokens"),
                        usage.get("cache_creation_input_tokens"), usage.get("cache_read_input_tokens"));
                cachedTokens = ChatStream.number(usage.get("cache_read_input_tokens"));
            }
            case "content_block_delta" -> {
                JsonNode delta = payload.path("delta");
                if ("text_delta".equals(delta.path("type").asString(""))) {
                    append(delta.path("text").asString(""));
                }
            }
            case "message_delta" -> {
                String reason = payload.path("delta").path("stop_reason").asString("");
                finish = switch (reason) {
                    case "end_turn", "stop_sequence" -> FinishReason.STOP;
                    case "max_tokens" -> FinishReason.LENGTH;
                    case "refusal" -> FinishReason.CONTENT_FILTER;
                    default -> FinishReason.OTHER;
                };
                Long output = ChatStream.number(payload.path("usage").get("output_tokens"));
                outputTokens = output != null ? output : outputTokens;
            }
            case "message_stop" -> completed();
            case "error" -> {
                String kind = payload.path("error").path("type").asString("");
                throw new StreamFailure("rate_limit_error".equals(kind) ? AttemptOutcome.RATE_LIMITED
                        : AttemptOutcome.SERVER_ERROR, "the provider sent an error event mid-stream"
                        + (kind.isEmpty() ? "" : " (" + kind + ")"));
            }
            default -> { }
        }
    }
}
