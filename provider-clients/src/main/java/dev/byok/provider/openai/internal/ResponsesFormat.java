package dev.byok.provider.openai.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.provider.internal.stream.ResponsesStream;
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
 * POST {base}/responses, the API the SDK's {@code openai(model)} uses: the system prompt is an input
 * message whose role the capability table picks ({@code developer} for reasoning models), user and
 * assistant turns are typed content parts.
 */
public final class ResponsesFormat implements WireFormat {

    private static final ErrorBodyRules ERRORS = new OpenAiErrorRules();

    @Override
    public URI endpoint(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/responses");
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("authorization", "Bearer " + apiKey);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        ObjectNode body = JsonTrees.object();
        body.put("model", settings.model());
        ArrayNode input = body.putArray("input");
        for (ChatMessage message : messages) {
            if (message.role() == MessageRole.SYSTEM) {
                if (plan.systemRole() != null) {
                    input.addObject().put("role", plan.systemRole()).put("content", message.content());
                }
                continue;
            }
            boolean user = message.role() == MessageRole.USER;
            input.addObject().put("role", message.role().wire()).putArray("content").addObject()
                    .put("type", user ? "input_text" : "output_text").put("text", message.content());
        }
        return plan.applyTo(body);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        JsonNode root = Answers.parse(response);
        if (root == null) {
            return Answers.cutShort(response.status(), "the answer is not valid JSON");
        }
        if (root.path("error").isObject() || "failed".equals(root.path("status").asString(""))) {
            return Answers.cutShort(response.status(), "the response failed");
        }
        String status = root.path("status").asString("");
        String incomplete = root.path("incomplete_details").path("reason").asString("");
        FinishReason finish = switch (status) {
            case "completed" -> FinishReason.STOP;
            case "incomplete" -> "content_filter".equals(incomplete) ? FinishReason.CONTENT_FILTER
                    : "max_output_tokens".equals(incomplete) ? FinishReason.LENGTH : FinishReason.OTHER;
            default -> null;
        };
        if (finish == null) {
            return Answers.cutShort(response.status(), "response status '" + status + "'");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : root.path("output")) {
            if ("message".equals(item.path("type").asString(""))) {
                for (JsonNode part : item.path("content")) {
                    if ("output_text".equals(part.path("type").asString(""))) {
                        text.append(part.path("text").asString(""));
                    }
                }
            }
        }
        JsonNode usage = root.path("usage");
        return Answers.of(text.toString(), finish, new Usage(Answers.number(usage.get("input_tokens")),
                Answers.number(usage.get("output_tokens")),
                Answers.number(usage.path("output_tokens_details").get("reasoning_tokens")),
                Answers.number(usage.path("input_tokens_details").get("cached_tokens"))), response.status());
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
    public List<String> modelIds(JsonNode body) {
        return ChatCompletionsFormat.ids(body);
    }

    /** Streamed: {@code "stream": true}; the events are Responses events. */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        body.put("stream", true);
        return new StreamPlan(endpoint(settings), ResponsesStream::new);
    }
}
