package dev.byok.provider.internal.rules;

import dev.byok.model.Json;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small tree operations the rules and mappers share: deep merge, dotted paths, camelCase to snake_case. */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static ObjectNode object() {
        return Json.lenient().createObjectNode();
    }

    public static ObjectNode fromMap(Map<String, Object> map) {
        return map == null ? object() : Json.lenient().valueToTree(map);
    }

    /** Merges {@code from} into {@code into}; objects merge key by key, anything else from {@code from} wins. */
    public static ObjectNode deepMerge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> entry : from.properties()) {
            JsonNode existing = into.get(entry.getKey());
            if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
                deepMerge(target, source);
            } else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return into;
    }

    /** Sets {@code value} at a dotted path ({@code generationConfig.maxOutputTokens}), creating objects on the way. */
    public static void set(ObjectNode root, String dottedPath, JsonNode value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    /** Like {@link #set}, but an object value deep-merges with an object already at the path. */
    public static void merge(ObjectNode root, String dottedPath, JsonNode value) {
        if (at(root, dottedPath) instanceof ObjectNode existing && value instanceof ObjectNode incoming) {
            deepMerge(existing, incoming);
        } else {
            set(root, dottedPath, value.deepCopy());
        }
    }

    /** The node at a dotted path, or a missing node. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** A copy whose object keys are snake_case at every depth (SDK camelCase vocabulary to wire names). */
    public static JsonNode snakeKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = object();
            object.properties().forEach(e -> out.set(snake(e.getKey()), snakeKeys(e.getValue())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.lenient().createArrayNode();
            array.forEach(item -> out.add(snakeKeys(item)));
            return out;
        }
        return node.deepCopy();
    }

    public static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
