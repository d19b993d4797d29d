package dev.byok.provider.google.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.provider.internal.stream.GeminiStream;
import dev.byok.model.ChatMessage;
import dev.byok.model.SlotSettings;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.ErrorBodyRules;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.WireFormat;
import dev.byok.provider.internal.rules.WirePlan;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Vertex AI as the SDK's {@code createVertex} calls it (recorded cases {@code vertex-*}): the
 * Gemini body at {@code {root}/models/{model}:generateContent}, where the root is the project's
 * regional publisher path ({@code https://{location}-aiplatform.googleapis.com/v1beta1/projects/
 * {project}/locations/{location}/publishers/google}). A service-account key is exchanged for an
 * access token sent as {@code Authorization: Bearer}; Vertex's API-key (express) mode sends the key
 * in {@code x-goog-api-key}. The probe reads the model's own metadata: that one call checks the
 * credential, that the Vertex AI API is enabled in the project, the region and the model id.
 */
public final class VertexFormat implements WireFormat {

    private static final GeminiFormat GEMINI = new GeminiFormat();
    private static final ErrorBodyRules ERRORS = new VertexErrorRules();

    @Override
    public URI endpoint(SlotSettings settings) {
        return GEMINI.endpoint(settings);
    }

    /** Express mode: the key is a Vertex API key. */
    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("x-goog-api-key", apiKey);
    }

    @Override
    public Map<String, String> authHeaders(SlotSettings settings, String credential) {
        return apiKeyMode(settings) ? authHeaders(credential) : Map.of("authorization", "Bearer " + credential);
    }

    public static boolean apiKeyMode(SlotSettings settings) {
        return settings.cloud() != null && "api-key".equals(settings.cloud().authOr("service-account"));
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        return GEMINI.body(settings, plan, messages);
    }

    @Override
    public ProviderResult read(RawResponse response) {
        return GEMINI.read(response);
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    @Override
    public URI modelList(SlotSettings settings) {
        return URI.create(WireFormat.root(settings) + "/models/"
                + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** A publisher model's metadata names one model: {@code publishers/google/models/{id}}. */
    @Override
    public List<String> modelIds(JsonNode body) {
        if (body == null || !body.path("name").isString()) {
            return null;
        }
        String name = body.path("name").asString();
        return List.of(name.substring(name.lastIndexOf('/') + 1));
    }

    /** Streamed as on Gemini's own API: {@code :streamGenerateContent?alt=sse}. */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        return new StreamPlan(GeminiFormat.streamed(endpoint(settings)), GeminiStream::new);
    }
}
