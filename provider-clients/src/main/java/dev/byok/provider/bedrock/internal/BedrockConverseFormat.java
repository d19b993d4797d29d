package dev.byok.provider.bedrock.internal;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon Bedrock's Converse API as the SDK's {@code createAmazonBedrock} calls it (recorded cases
 * {@code bedrock-*}): POST {@code https://bedrock-runtime.{region}.amazonaws.com/model/{modelId}/converse}
 * with the model id URL-encoded ({@code :} is {@code %3A}), {@code system} and {@code messages} as
 * text blocks, the cap and temperature in {@code inferenceConfig}, Claude's thinking and effort in
 * {@code additionalModelRequestFields}. The credential is a Bedrock API key ({@code Authorization:
 * Bearer}) or AWS access keys (SigV4, see {@code AwsRequestSigner}). The probe lists the region's
 * foundation models on the control-plane host ({@code bedrock.{region}.amazonaws.com}).
 */
public final class BedrockConverseFormat implements WireFormat {

    private static final ErrorBodyRules ERRORS = new BedrockErrorRules();

    @Override
    public URI endpoint(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/model/" + encoded(settings.model()) + "/converse");
    }

    static String encoded(String model) {
        return URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("authorization", "Bearer " + apiKey);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        ObjectNode body = JsonTrees.object();
        ArrayNode system = JsonTrees.object().arrayNode();
        ArrayNode wireMessages = JsonTrees.object().arrayNode();
        for (ChatMessage message : messages) {
            if (message.role() == MessageRole.SYSTEM) {
                system.addObject().put("text", message.content());
            } else {
                wireMessages.addObject().put("role", message.role() == MessageRole.USER ? "user" : "assistant")
                        .putArray("content").addObject().put("text", message.content());
            }
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set("messages", wireMessages);
        if (settings.model() != null && settings.model().contains("anthropic.")) {
            // The SDK asks Claude models for the stop sequence that ended the answer.
            body.putArray("additionalModelResponseFieldPaths").add("/delta/stop_sequence");
        }
        return plan.applyTo(body);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        JsonNode root = Answers.parse(response);
        if (root == null) {
            return Answers.cutShort(response.status(), "the answer is not valid JSON");
        }
        JsonNode message = root.path("output").path("message");
        if (!message.isObject()) {
            return Answers.cutShort(response.status(), "the answer has no output message");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            text.append(block.path("text").asString(""));
        }
        FinishReason finish = finishReason(root.path("stopReason").asString(""));
        if (finish == null) {
            return Answers.cutShort(response.status(), "stop reason " + root.path("stopReason").asString(""));
        }
        JsonNode usage = root.path("usage");
        return Answers.of(text.toString(), finish, new Usage(Answers.number(usage.get("inputTokens")),
                Answers.number(usage.get("outputTokens")), null), response.status());
    }

    /** Null for a stop reason outside Converse's set, which means the answer broke off. */
    static FinishReason finishReason(String wire) {
        return switch (wire) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            case "tool_use" -> FinishReason.OTHER;
            default -> null;
        };
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    /** {@code GET https://bedrock.{region}.amazonaws.com/foundation-models}: the region's models. */
    @Override
    public URI modelList(SlotSettings settings) {
        String root = WireFormat.root(settings);
        return URI.create(root.replace("://bedrock-runtime.", "://bedrock.") + "/foundation-models");
    }

    @Override
    public List<String> modelIds(JsonNode body) {
        if (body == null || !body.path("modelSummaries").isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        body.path("modelSummaries").forEach(m -> ids.add(m.path("modelId").asString("")));
        return ids;
    }
}
