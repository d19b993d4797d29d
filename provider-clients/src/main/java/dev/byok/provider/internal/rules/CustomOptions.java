package dev.byok.provider.internal.rules;

import dev.byok.model.ProviderId;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the block of a slot's customOptions that applies to its provider (BYOK doc, conformance
 * rule 4). Options without any known namespace key are the slot's own namespace (auto-wrap).
 * Options with namespace keys but none for this provider would do nothing on the wire, so they are
 * refused; blocks for other providers next to the slot's own are ignored with a warning, and keys
 * outside any namespace next to them are refused (they could never reach the wire).
 */
final class CustomOptions {

    static final List<String> NAMESPACES = List.of("anthropic", "google", "openai", "openrouter", "openaiCompatible",
            "azure", "bedrock");

    /**
     * @param block the options for the slot's namespace (wire JSON or SDK vocabulary, by namespace)
     * @param field how errors and warnings name the block: {@code customOptions} or {@code customOptions.<ns>}
     */
    record Resolved(ObjectNode block, String field) {
    }

    private CustomOptions() {
    }

    static Resolved resolve(Map<String, Object> customOptions, ProviderId provider, String namespace,
            Findings findings) {
        if (customOptions == null) {
            findings.error("customOptions", "is required when thinking is 'custom'");
            return new Resolved(JsonTrees.object(), "customOptions");
        }
        ObjectNode options = JsonTrees.fromMap(customOptions);
        List<String> present = NAMESPACES.stream().filter(options::has).toList();
        if (present.isEmpty()) {
            if (options.isEmpty()) {
                findings.warn("customOptions is empty, so no provider options are sent");
            }
            return new Resolved(options, "customOptions");
        }
        if (!present.contains(namespace)) {
            findings.error("customOptions", "has options for " + quoted(present) + " but none under '" + namespace
                    + "', the namespace a " + provider.wire() + " slot reads, so nothing would reach the provider; "
                    + "put them under '" + namespace + "' or leave out the namespace key");
            return new Resolved(JsonTrees.object(), "customOptions");
        }
        for (String key : options.propertyNames()) {
            if (key.equals(namespace)) {
                continue;
            }
            if (NAMESPACES.contains(key)) {
                findings.warn("customOptions." + key + " is for another provider and is ignored; this "
                        + provider.wire() + " slot reads customOptions." + namespace);
            } else {
                findings.error("customOptions." + key, "is outside any provider namespace and would be ignored; "
                        + "move it under '" + namespace + "'");
            }
        }
        JsonNode block = options.get(namespace);
        String field = "customOptions." + namespace;
        if (!(block instanceof ObjectNode object)) {
            findings.error(field, "must be a JSON object");
            return new Resolved(JsonTrees.object(), field);
        }
        return new Resolved(object, field);
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
