package dev.byok.provider.openai.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.provider.internal.stream.ChatStream;
import dev.byok.model.ChatMessage;
import dev.byok.model.FinishReason;
import dev.byok.model.SlotSettings;
import dev.byok.model.Usage;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.Answers;
import dev.byok.provider.internal.ErrorBodyRules;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.WireFormat;
import dev.byok.provider.internal.rules.JsonTrees;
import dev.byok.provider.internal.rules.WirePlan;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST {base}/chat/completions with a Bearer key: OpenRouter, Novita and openai_compatible. Z.ai and
 * Kimi put non-standard finish reasons ({@code network_error}) on answers that broke off, so any
 * finish reason outside the standard set is a failed attempt, not a review.
 */
public final class ChatCompletionsFormat implements WireFormat {

    private static final ErrorBodyRules ERRORS = ErrorBodyRules.firstOf(new OpenAiErrorRules(),
            new CompatibleErrorRules());

    private final boolean keyEndpoint;

    /** @param keyEndpoint whether {@code GET {base}/key} checks the key (OpenRouter, whose model list is public) */
    public ChatCompletionsFormat(boolean keyEndpoint) {
        this.keyEndpoint = keyEndpoint;
    }

    @Override
    public URI endpoint(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/chat/completions");
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("authorization", "Bearer " + apiKey);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        ObjectNode body = JsonTrees.object();
        body.put("model", settings.model());
        ArrayNode wireMessages = body.putArray("messages");
        messages.forEach(m -> wireMessages.addObject().put("role", m.role().wire()).put("content", m.content()));
        return plan.applyTo(body);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        JsonNode root = Answers.parse(response);
        if (root == null) {
            return Answers.cutShort(response.status(), "the answer is not valid JSON");
        }
        if (root.hasNonNull("error")) {
            return Answers.cutShort(response.status(), "the answer carries an error instead of a choice");
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            return Answers.cutShort(response.status(), "the answer has no choices");
        }
        String wireFinish = choice.path("finish_reason").asString("");
        FinishReason finish = finishReason(wireFinish);
        if (finish == null) {
            return Answers.cutShort(response.status(), "finish reason " + wireFinish);
        }
        JsonNode usage = root.has("usage") ? root.path("usage") : choice.path("usage");
        return Answers.of(choice.path("message").path("content").asString(""), finish,
                new Usage(Answers.number(usage.get("prompt_tokens")), Answers.number(usage.get("completion_tokens")),
                        Answers.number(usage.path("completion_tokens_details").get("reasoning_tokens")),
                        Answers.number(usage.path("prompt_tokens_details").get("cached_tokens"))),
                response.status());
    }

    /** Null for a non-standard finish reason, which means the answer broke off. */
    static FinishReason finishReason(String wire) {
        return switch (wire) {
            case "stop", "end_turn" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "", "tool_calls", "function_call" -> FinishReason.OTHER;
            default -> null;
        };
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    @Override
    public URI modelList(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/models");
    }

    @Override
    public URI keyCheck(SlotSettings settings) {
        return keyEndpoint ? URI.create(WireFormat.root(settings) + "/key") : null;
    }

    @Override
    public List<String> modelIds(JsonNode body) {
        return ids(body);
    }

    /** {@code data[].id}, the OpenAI list shape (also Anthropic's). */
    static List<String> ids(JsonNode body) {
        if (body == null || !body.path("data").isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(model -> ids.add(model.path("id").asString("")));
        return ids;
    }

    /** Streamed: {@code "stream": true} and the usage asked for in a last chunk ({@code include_usage}). */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return new StreamPlan(endpoint(settings), ChatStream::new);
    }
}
