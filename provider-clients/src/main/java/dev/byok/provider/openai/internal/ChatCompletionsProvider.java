package dev.byok.provider.openai.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.FinishReason;
import dev.byok.model.Json;
import dev.byok.model.SlotSettings;
import dev.byok.model.Usage;
import dev.byok.provider.LlmProvider;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.FailureClassifier;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.TransportFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** POST {baseUrl}/chat/completions with a Bearer key. */
public final class ChatCompletionsProvider implements LlmProvider {

    private final HttpTransport transport;
    private final FailureClassifier classifier;

    public ChatCompletionsProvider(HttpTransport transport, FailureClassifier classifier) {
        this.transport = transport;
        this.classifier = classifier;
    }

    @Override
    public ProviderResult call(ProviderRequest request) {
        SlotSettings settings = request.settings();
        URI uri = URI.create(settings.effectiveBaseUrl() + "/chat/completions");
        byte[] body = Json.lenient().writeValueAsBytes(requestBody(settings, request.messages()));
        RawResponse response;
        try {
            response = transport.post(uri, Map.of("authorization", "Bearer " + request.apiKey()), body, request.timeout());
        } catch (TransportFailure e) {
            return new ProviderResult.Failure(e.outcome(), null, null, e.getMessage());
        }
        return response.isSuccess() ? readSuccess(response) : classifier.classify(response);
    }

    static Map<String, Object> requestBody(SlotSettings settings, List<ChatMessage> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put("messages", messages.stream().map(m -> Map.of("role", m.role().wire(), "content", m.content())).toList());
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            body.put("max_tokens", settings.maxTokens());
        }
        return body;
    }

    static ProviderResult readSuccess(RawResponse response) {
        JsonNode root;
        try {
            root = Json.lenient().readTree(response.body());
        } catch (RuntimeException e) {
            return cutShort(response.status(), "the answer is not valid JSON");
        }
        if (root.has("error")) {
            return cutShort(response.status(), "the answer carries an error instead of a choice");
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            return cutShort(response.status(), "the answer has no choices");
        }
        String content = choice.path("message").path("content").asString("");
        FinishReason finish = finishReason(choice.path("finish_reason").asString(""));
        if (content.isBlank()) {
            return cutShort(response.status(), "the answer is empty (finish reason " + finish.wire() + ")");
        }
        JsonNode usage = root.path("usage");
        return new ProviderResult.Success(content, finish, new Usage(number(usage.path("prompt_tokens")),
                number(usage.path("completion_tokens")),
                number(usage.path("completion_tokens_details").path("reasoning_tokens"))), response.status());
    }

    static FinishReason finishReason(String wire) {
        return switch (wire) {
            case "stop", "end_turn" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private static ProviderResult.Failure cutShort(int status, String why) {
        return new ProviderResult.Failure(AttemptOutcome.SERVER_ERROR, status, null, "response cut short: " + why);
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
