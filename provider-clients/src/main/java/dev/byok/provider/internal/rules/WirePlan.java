package dev.byok.provider.internal.rules;

import dev.byok.provider.RuleError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a slot's settings decide about a request, before messages are added: the sampling
 * values that survive the capability rules, the wire fields of thinking and custom options, and
 * what the rules did (warnings) or refuse (errors; such a plan is never sent).
 *
 * @param systemRole the role of the system prompt on the OpenAI Responses API; null drops it
 */
public record WirePlan(ProviderWire wire, Double temperature, Integer maxTokens, ObjectNode extras,
        Map<String, String> headers, String systemRole, List<String> warnings, List<RuleError> errors) {

    public WirePlan {
        headers = Map.copyOf(headers);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /** Writes the cap and temperature where this provider wants them, then the thinking/custom fields. */
    public ObjectNode applyTo(ObjectNode body) {
        if (maxTokens != null) {
            JsonTrees.set(body, wire.maxTokensPath(), IntNode.valueOf(maxTokens));
        }
        if (temperature != null) {
            JsonTrees.set(body, wire.temperaturePath(), DoubleNode.valueOf(temperature));
        }
        return JsonTrees.deepMerge(body, extras);
    }
}
