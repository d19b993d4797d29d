package dev.byok.simulator.internal;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the simulator and the few tree helpers the dialects share. */
final class Wire {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Wire() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The parsed body, or empty when it is not JSON at all. */
    static Optional<JsonNode> parse(String body) {
        try {
            return Optional.of(MAPPER.readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** A string field, or {@code fallback} when absent or not a string. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : fallback;
    }

    /** A whole-number field, or {@code null} when absent or not a number. */
    static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? value.asLong() : null;
    }
}
