package dev.byok.provider.internal;

import dev.byok.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a provider error body that classification looks at, read leniently from the common
 * envelopes: OpenAI-style {@code {"error":{"type","code","message"}}}, Anthropic's
 * {@code {"type":"error","error":{...}}}, Google's {@code {"error":{"status","details"}}}, a bare
 * {@code {"error":"..."}} (vLLM) or a top-level message. The message is kept short and is only
 * used in outcomes after keys have been scrubbed from it.
 */
public record ErrorBody(String type, String code, String status, String reason, String message) {

    private static final int MAX_MESSAGE = 200;

    public static ErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody(null, null, null, null, null);
        }
        JsonNode root;
        try {
            root = Json.lenient().readTree(body);
        } catch (RuntimeException notJson) {
            return new ErrorBody(null, null, null, null, null);
        }
        JsonNode error = root.path("error");
        if (error.isString()) {
            return new ErrorBody(null, null, null, null, shorten(error.asString()));
        }
        String reason = null;
        for (JsonNode detail : error.path("details")) {
            if (detail.hasNonNull("reason")) {
                reason = detail.get("reason").asString();
                break;
            }
        }
        String message = text(error, "message");
        if (message == null) {
            message = text(root, "message");
        }
        return new ErrorBody(text(error, "type"), text(error, "code"), text(error, "status"), reason, shorten(message));
    }

    /** A few words for an attempt's detail: the type or code and the start of the message. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {type, code, status, reason}) {
            if (part != null && !part.isBlank()) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        return out.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String shorten(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
