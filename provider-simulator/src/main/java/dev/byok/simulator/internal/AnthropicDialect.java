package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic {@code POST …/messages}: prompt from {@code system} and {@code messages}. */
final class AnthropicDialect implements Dialect {

    @Override
    public Prompt readPrompt(JsonNode body, Route route) {
        return new Prompt(
                Wire.text(body, "model", Prompt.UNKNOWN_MODEL),
                Tokens.textChars(body.path("system")) + Tokens.textChars(body.path("messages")),
                Wire.number(body, "max_tokens"));
    }

    @Override
    public String success(Completion c) {
        ObjectNode root = Wire.object();
        root.put("id", "msg_sim_" + c.seq());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", c.model());
        ArrayNode content = root.putArray("content");
        if (!c.lengthCapped()) {
            ObjectNode block = content.addObject();
            block.put("type", "text");
            block.put("text", c.text());
        }
        root.put("stop_reason", c.lengthCapped() ? "max_tokens" : "end_turn");
        root.putNull("stop_sequence");
        ObjectNode usage = root.putObject("usage");
        // Anthropic counts the tokens read from its prompt cache apart from input_tokens.
        usage.put("input_tokens", c.promptTokens() - c.cachedTokens());
        usage.put("cache_read_input_tokens", c.cachedTokens());
        usage.put("output_tokens", c.outputTokens());
        return Wire.write(root);
    }

    @Override
    public String error(int status, String type, String code, String message, long seq) {
        ObjectNode root = Wire.object();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type != null ? type : defaultType(status));
        error.put("message", message);
        root.put("request_id", "req_sim_" + seq);
        return Wire.write(root);
    }

    @Override
    public String rateLimited(Duration retryAfter, long seq) {
        return error(429, "rate_limit_error",
                null, "This request would exceed the rate limit for your organization (simulated).", seq);
    }

    @Override
    public String tooMuchConcurrency(long seq) {
        return error(429, "rate_limit_error", null, TOO_MUCH_CONCURRENCY, seq);
    }

    @Override
    public Reply unauthorized(boolean keyMissing, long seq) {
        String message = keyMissing ? "x-api-key header is required" : "invalid x-api-key";
        return Reply.of(401, error(401, "authentication_error", null, message, seq));
    }

    @Override
    public String modelList(List<String> models, long createdEpochSecond) {
        ObjectNode root = Wire.object();
        ArrayNode data = root.putArray("data");
        for (String id : models) {
            ObjectNode model = data.addObject();
            model.put("id", id);
            model.put("type", "model");
            model.put("display_name", id);
        }
        root.put("has_more", false);
        root.put("first_id", models.isEmpty() ? null : models.getFirst());
        root.put("last_id", models.isEmpty() ? null : models.getLast());
        return Wire.write(root);
    }

    static String defaultType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    @Override
    public java.util.List<String> streamEvents(Completion c) {
        return StreamEvents.anthropic(c);
    }
}
