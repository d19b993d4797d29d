package dev.byok.provider.azure.internal;

import dev.byok.provider.internal.stream.StreamPlan;
import dev.byok.model.ChatMessage;
import dev.byok.model.SlotSettings;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.ErrorBodyRules;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.WireFormat;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.openai.internal.ChatCompletionsFormat;
import dev.byok.provider.openai.internal.ResponsesFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI as the SDK's {@code createAzure} calls it (recorded cases {@code azure-*}): the
 * OpenAI Responses body (or chat completions when the slot's cloud settings say {@code api: chat})
 * at {@code {root}/v1/responses?api-version={apiVersion}}, the deployment name in {@code model},
 * the key in {@code api-key}. A root that already ends in {@code /openai/v1} is the versioned API
 * and takes neither the {@code /v1} nor the query, as in the SDK.
 */
public final class AzureOpenAiFormat implements WireFormat {

    private static final ErrorBodyRules ERRORS = new AzureErrorRules();
    private static final ResponsesFormat RESPONSES = new ResponsesFormat();
    private static final ChatCompletionsFormat CHAT = new ChatCompletionsFormat(false);

    @Override
    public URI endpoint(SlotSettings settings) {
        return url(settings, chat(settings) ? "/chat/completions" : "/responses");
    }

    private static URI url(SlotSettings settings, String path) {
        String root = WireFormat.root(settings);
        if (root.toLowerCase(java.util.Locale.ROOT).endsWith("/openai/v1")) {
            return URI.create(root + path);
        }
        String version = settings.cloud() == null ? "v1" : settings.cloud().apiVersionOrDefault();
        return URI.create(root + "/v1" + path + "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> authHeaders(String apiKey) {
        return Map.of("api-key", apiKey);
    }

    @Override
    public ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages) {
        if (!chat(settings)) {
            return RESPONSES.body(settings, plan, messages);
        }
        ObjectNode body = CHAT.body(settings, plan, messages);
        if ("developer".equals(plan.systemRole())) {
            // Reasoning deployments: the SDK sends the system prompt as a developer message and the cap
            // as max_completion_tokens (max_tokens is refused by reasoning models).
            body.path("messages").forEach(m -> {
                if ("system".equals(m.path("role").asString("")) && m instanceof ObjectNode message) {
                    message.put("role", "developer");
                }
            });
            JsonNode cap = body.remove("max_tokens");
            if (cap != null) {
                body.set("max_completion_tokens", cap);
            }
        }
        return body;
    }

    @Override
    public ProviderResult read(RawResponse response) {
        return looksLikeChat(response) ? CHAT.read(response) : RESPONSES.read(response);
    }

    /** The answer tells its API: a chat completion has {@code choices}, a response has {@code output}. */
    private static boolean looksLikeChat(RawResponse response) {
        String body = response.body();
        return body != null && body.contains("\"choices\"") && !body.contains("\"output\"");
    }

    @Override
    public ErrorBodyRules errorRules() {
        return ERRORS;
    }

    @Override
    public URI modelList(SlotSettings settings) {
        return url(settings, "/models");
    }

    @Override
    public List<String> modelIds(JsonNode body) {
        return RESPONSES.modelIds(body);
    }

    private static boolean chat(SlotSettings settings) {
        return settings.cloud() != null && settings.cloud().chatApi();
    }

    /** Streamed as the OpenAI API of the slot streams (Responses or chat events), at the Azure URL. */
    @Override
    public StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        StreamPlan plan = chat(settings) ? CHAT.streamPlan(settings, body) : RESPONSES.streamPlan(settings, body);
        return new StreamPlan(endpoint(settings), plan.assembler());
    }
}
