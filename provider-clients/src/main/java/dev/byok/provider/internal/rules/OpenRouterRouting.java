package dev.byok.provider.internal.rules;

import dev.byok.model.OpenRouterPins;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenRouter's {@code provider} routing block (conformance rule 3): routing keys written at the top
 * level of customOptions move under {@code provider} (where OpenRouter reads them), and the slot's
 * pins deep-merge with the {@code provider} block of customOptions, customOptions winning per key.
 */
final class OpenRouterRouting {

    static final List<String> ROUTING_KEYS = List.of("order", "allow_fallbacks", "ignore", "only", "data_collection",
            "require_parameters", "sort", "quantizations", "max_price", "zdr");

    private OpenRouterRouting() {
    }

    /** A copy of the openrouter namespace {@code block} with routing keys and pins in its {@code provider}. */
    static ObjectNode apply(ObjectNode block, String field, OpenRouterPins pins, Findings findings) {
        ObjectNode out = block.deepCopy();
        ObjectNode provider = pinned(pins);
        ObjectNode moved = JsonTrees.object();
        for (String key : ROUTING_KEYS) {
            JsonNode value = out.remove(key);
            if (value != null) {
                moved.set(key, value);
                findings.warn(field + "." + key + " is an OpenRouter routing key; it was moved under 'provider'");
            }
        }
        JsonTrees.deepMerge(provider, moved);
        JsonNode given = out.get("provider");
        if (given instanceof ObjectNode object) {
            JsonTrees.deepMerge(provider, object);
        } else if (given != null) {
            findings.error(field + ".provider", "must be a JSON object of OpenRouter routing settings");
        }
        if (provider.isEmpty()) {
            out.remove("provider");
        } else {
            out.set("provider", provider);
        }
        return out;
    }

    private static ObjectNode pinned(OpenRouterPins pins) {
        ObjectNode provider = JsonTrees.object();
        if (pins == null) {
            return provider;
        }
        List<String> order = pins.pinProviders().stream().filter(p -> p != null && !p.isBlank()).map(String::trim)
                .toList();
        if (!order.isEmpty()) {
            order.forEach(provider.putArray("order")::add);
        }
        if (pins.allowFallbacks() != null) {
            provider.put("allow_fallbacks", pins.allowFallbacks());
        }
        return provider;
    }
}
