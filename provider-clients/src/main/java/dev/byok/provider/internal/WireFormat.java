package dev.byok.provider.internal;

import dev.byok.model.ChatMessage;
import dev.byok.model.SlotSettings;
import dev.byok.model.BaseUrls;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.internal.stream.StreamPlan;
import java.net.URI;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider's wire format as pure functions: where requests go, how the key is sent, the body,
 * how answers and errors read, and the probe's metadata call. {@link WireClient} and the probe do
 * the I/O around it.
 */
public interface WireFormat {

    URI endpoint(SlotSettings settings);

    /** The auth headers (and fixed headers such as {@code anthropic-version}). */
    Map<String, String> authHeaders(String apiKey);

    /**
     * The auth headers of a slot's call: {@code credential} is what {@link CallCredentials} made of
     * the stored key (an access token for a Vertex service account, the key itself otherwise).
     */
    default Map<String, String> authHeaders(SlotSettings settings, String credential) {
        return authHeaders(credential);
    }

    ObjectNode body(SlotSettings settings, WirePlan plan, List<ChatMessage> messages);

    /** Reads a 2xx answer. */
    ProviderResult read(RawResponse response);

    ErrorBodyRules errorRules();

    /** The model-list endpoint of the probe. */
    URI modelList(SlotSettings settings);

    /** The model ids in a model-list answer; null when the body is not one. */
    List<String> modelIds(JsonNode body);

    /** The API root without trailing slashes, whatever the caller stored. */
    static String root(SlotSettings settings) {
        return BaseUrls.effective(settings.provider(), settings.effectiveBaseUrl());
    }

    /**
     * Turns {@code body} into this format's streamed request (the stream flags) and says where it goes
     * and how its events read; null when the format is not streamed (Bedrock's binary event stream).
     */
    default StreamPlan streamPlan(SlotSettings settings, ObjectNode body) {
        return null;
    }

    /** A cheaper key check to run before the model list when the list is public (OpenRouter); null if none. */
    default URI keyCheck(SlotSettings settings) {
        return null;
    }
}
