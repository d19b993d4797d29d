package dev.byok.provider.anthropic.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.provider.internal.stream.AnthropicStream;
import dev.byok.model.ChatMessage;
import dev.byok.model.FinishReason;
import dev.byok.model.MessageRole;
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
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST {base}/messages with {@code x-api-key} and {@code anthropic-version: 2023-06-01}. The system
 * prompt is a top-level list of text blocks; consecutive turns of one role are merged into one
 * message (the API wants user and assistant to alternate), each turn's text a content block.
 */
public final class AnthropicFormat implements WireFormat {

    static final String API_VERSION = "2023-06-01";
    private static final ErrorBodyRules ERRORS = new AnthropicErrorRules();

    @Override
    public URI endpoint(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/messages");
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("x-api-key", apiKey, "anthropic-version", API_VERSION);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        ObjectNode body = JsonTrees.object();
        body.put("model", settings.model());
        ArrayNode system = JsonTrees.object().arrayNode();
        ArrayNode turns = body.putArray("messages");
        ObjectNode last = null;
        for (ChatMessage message : messages) {
            if (message.role() == MessageRole.SYSTEM) {
                system.addObject().put("type", "text").put("text", message.content());
                continue;
            }
            if (last == null || !last.path("role").asString("").equals(message.role().wire())) {
                last = turns.addObject().put("role", message.role().wire());
                last.putArray("content");
            }
            ((ArrayNode) last.get("content")).addObject().put("type", "text").put("text", message.content());
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        return plan.applyTo(body);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        JsonNode root = Answers.parse(response);
        if (root == null) {
            return Answers.cutShort(response.status(), "the answer is not valid JSON");
        }
        if ("error".equals(root.path("type").asString("")) || root.path("error").isObject()) {
            return Answers.cutShort(response.status(), "the answer carries an error instead of a message");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : root.path("content")) {
            if ("text".equals(block.path("type").asString(""))) {
                text.append(block.path("text").asString(""));
            }
        }
        JsonNode usage = root.path("usage");
        JsonNode details = usage.path("output_tokens_details");
        Long reasoning = Answers.number(details.has("thinking_tokens") ? details.get("thinking_tokens")
                : details.get("reasoning_tokens"));
        return Answers.of(text.toString(), finishReason(root.path("stop_reason").asString("")),
                new Usage(Answers.sum(usage.get("input_tokens"), usage.get("cache_creation_input_tokens"),
                        usage.get("cache_read_input_tokens")), Answers.number(usage.get("output_tokens")), reasoning,
                        Answers.number(usage.get("cache_read_input_tokens"))),
                response.status());
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    /** {@code limit=1000} so the whole list arrives in one page and the slot's model can be looked up. */
    @Override
    public URI modelList(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/models?limit=1000");
    }

    @Override
    public List<String> modelIds(JsonNode body) {
        if (body == null || !body.path("data").isArray()) {
            return null;
        }
        return body.path("data").valueStream().map(m -> m.path("id").asString("")).toList();
    }

    /** Streamed: {@code "stream": true}; the events are Messages events. */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        body.put("stream", true);
        return new StreamPlan(endpoint(settings), AnthropicStream::new);
    }
}
