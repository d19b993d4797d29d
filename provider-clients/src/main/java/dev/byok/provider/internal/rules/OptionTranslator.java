package dev.byok.provider.internal.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates one namespace block to wire fields by its {@link Vocabulary}. Unknown keys of an SDK
 * vocabulary are dropped (as the SDK drops them) but, unlike the SDK, with a warning; unknown keys of
 * a pass-through vocabulary are request JSON and copied verbatim.
 */
final class OptionTranslator {

    private OptionTranslator() {
    }

    static WireFragment translate(Vocabulary vocabulary, ObjectNode block, String field, Findings findings) {
        ObjectNode body = JsonTrees.object();
        Map<String, String> headers = new LinkedHashMap<>();
        String systemMessageMode = null;
        for (Map.Entry<String, JsonNode> option : block.properties()) {
            String name = option.getKey();
            JsonNode value = option.getValue();
            Vocabulary.Mapping mapping = vocabulary.options().get(name);
            if (mapping != null) {
                JsonNode wireValue = mapping.snakeKeys() ? JsonTrees.snakeKeys(value) : value;
                if (mapping.wirePath().startsWith("header:")) {
                    headers.put(mapping.wirePath().substring("header:".length()), headerValue(value));
                } else {
                    JsonTrees.merge(body, mapping.wirePath(), wireValue);
                }
            } else if (name.equals("systemMessageMode")) {
                systemMessageMode = value.asString("");
            } else if (vocabulary.clientSide().contains(name)) {
                findings.warn(field + "." + name + " only changes client-side behaviour of the "
                        + vocabulary.label() + " SDK and has no effect on this request");
            } else if (vocabulary.passThrough()) {
                JsonTrees.merge(body, name, value);
            } else {
                findings.warn(field + "." + name + " is not a known " + vocabulary.label() + " option and is ignored"
                        + hint(vocabulary, name));
            }
        }
        return new WireFragment(body, headers, systemMessageMode);
    }

    private static String hint(Vocabulary vocabulary, String name) {
        String camel = JsonTrees.camel(name);
        return !camel.equals(name) && vocabulary.options().containsKey(camel)
                ? " (options use SDK camelCase names: write '" + camel + "')" : "";
    }

    private static String headerValue(JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(v -> v.asString(""))
                    .collect(Collectors.joining(","));
        }
        return value.asString("");
    }
}
