package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import dev.byok.model.Json;
import dev.byok.model.Usage;
import dev.byok.provider.ProviderResult;
import tools.jackson.databind.JsonNode;

/**
 * What every wire format does with a 200: an answer without text is a failed attempt (the model
 * spent its budget thinking, or the body was cut), never a successful empty review.
 */
public final class Answers {

    private Answers() {
    }

    /** The parsed JSON object, or null when the body is not one. */
    public static JsonNode parse(RawResponse response) {
        try {
            JsonNode root = Json.lenient().readTree(response.body());
            return root != null && root.isObject() ? root : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static ProviderResult.Failure cutShort(int status, String why) {
        return new ProviderResult.Failure(AttemptOutcome.SERVER_ERROR, status, null, "response cut short: " + why);
    }

    /** Success when there is text; a content-filter failure or a cut-short failure otherwise. */
    public static ProviderResult of(String content, FinishReason finish, Usage usage, int status) {
        if (content != null && !content.isBlank()) {
            return new ProviderResult.Success(content, finish, usage, status);
        }
        if (finish == FinishReason.CONTENT_FILTER) {
            return new ProviderResult.Failure(AttemptOutcome.CONTENT_FILTERED, status, null,
                    "the provider's content filter withheld the answer");
        }
        return cutShort(status, "no text in the answer (finish reason " + finish.wire() + ")");
    }

    public static Long number(JsonNode node) {
        return node != null && node.isNumber() ? node.asLong() : null;
    }

    /** Sum of the numbers present; null when none is. */
    public static Long sum(JsonNode... nodes) {
        Long total = null;
        for (JsonNode node : nodes) {
            Long value = number(node);
            if (value != null) {
                total = total == null ? value : total + value;
            }
        }
        return total;
    }
}
