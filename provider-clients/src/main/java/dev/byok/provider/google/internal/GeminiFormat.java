package dev.byok.provider.google.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.provider.internal.stream.GeminiStream;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST {base}/models/{model}:generateContent with the key in {@code x-goog-api-key} (never in the
 * URL, where it would reach access logs). The system prompt is {@code systemInstruction}; the
 * assistant role is {@code model}; thought parts are not part of the answer.
 */
public final class GeminiFormat implements WireFormat {

    private static final ErrorBodyRules ERRORS = new GeminiErrorRules();
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY");

    @Override
    public URI endpoint(SlotSettings settings) {
        String model = settings.model().startsWith("models/") ? settings.model().substring(7) : settings.model();
        return URI.create(WireFormat.root(settings) + "/models/"
                + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20") + ":generateContent");
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("x-goog-api-key", apiKey);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        ObjectNode body = JsonTrees.object();
        body.putObject("generationConfig");
        ArrayNode contents = body.putArray("contents");
        ArrayNode system = JsonTrees.object().arrayNode();
        for (ChatMessage message : messages) {
            if (message.role() == MessageRole.SYSTEM) {
                system.addObject().put("text", message.content());
            } else {
                contents.addObject().put("role", message.role() == MessageRole.USER ? "user" : "model")
                        .putArray("parts").addObject().put("text", message.content());
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        return plan.applyTo(body);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        JsonNode root = Answers.parse(response);
        if (root == null) {
            return Answers.cutShort(response.status(), "the answer is not valid JSON");
        }
        if (root.path("error").isObject()) {
            return Answers.cutShort(response.status(), "the answer carries an error instead of a candidate");
        }
        JsonNode candidate = root.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            boolean blocked = root.path("promptFeedback").hasNonNull("blockReason");
            return blocked ? Answers.of("", FinishReason.CONTENT_FILTER, null, response.status())
                    : Answers.cutShort(response.status(), "the answer has no candidates");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asString(""));
            }
        }
        JsonNode usage = root.path("usageMetadata");
        return Answers.of(text.toString(), finishReason(candidate.path("finishReason").asString("")),
                new Usage(Answers.number(usage.get("promptTokenCount")),
                        Answers.sum(usage.get("candidatesTokenCount"), usage.get("thoughtsTokenCount")),
                        Answers.number(usage.get("thoughtsTokenCount")),
                        Answers.number(usage.get("cachedContentTokenCount"))), response.status());
    }

    static FinishReason finishReason(String wire) {
        if (FILTERED.contains(wire)) {
            return FinishReason.CONTENT_FILTER;
        }
        return switch (wire) {
            case "STOP" -> FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    @Override
    public URI modelList(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/models?pageSize=1000");
    }

    @Override
    public List<String> modelIds(JsonNode body) {
        if (body == null || !body.path("models").isArray()) {
            return null;
        }
        return body.path("models").valueStream().map(m -> m.path("name").asString(""))
                .map(name -> name.startsWith("models/") ? name.substring(7) : name).toList();
    }

    /** Streamed: the same body to {@code :streamGenerateContent?alt=sse}. */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        return new StreamPlan(streamed(endpoint(settings)), GeminiStream::new);
    }

    static URI streamed(URI generate) {
        return URI.create(generate.toString().replace(":generateContent", ":streamGenerateContent?alt=sse"));
    }
}
