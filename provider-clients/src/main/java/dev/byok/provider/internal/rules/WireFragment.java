package dev.byok.provider.internal.rules;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the thinking preset or custom options add to a request, in wire terms.
 *
 * @param body fields deep-merged into the request body last (they may set nested fields such as
 *     {@code generationConfig.thinkingConfig})
 * @param headers extra request headers ({@code anthropic-beta})
 * @param systemMessageMode the OpenAI SDK's client-side {@code systemMessageMode}, or null
 */
record WireFragment(ObjectNode body, Map<String, String> headers, String systemMessageMode) {

    WireFragment {
        headers = Map.copyOf(headers);
    }
}
