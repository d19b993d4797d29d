package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What OpenAI's Chat Completions and Responses APIs (and the OpenAI-compatible providers: OpenRouter,
 * Novita, Moonshot, Z.ai) share: the {@code {"error":{message,type,param,code}}} envelope, the 401,
 * the model list, and Z.ai's business-code 1302 body for concurrency rejections.
 */
abstract class OpenAiDialect implements Dialect {

    @Override
    public String error(int status, String type, String code, String message, long seq) {
        ObjectNode root = Wire.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type != null ? type : defaultType(status));
        error.putNull("param");
        error.put("code", code);
        return Wire.write(root);
    }

    @Override
    public String rateLimited(Duration retryAfter, long seq) {
        String hint = retryAfter == null ? "" : " Please try again in " + retryAfter.toMillis() / 1000.0 + "s.";
        return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests (simulated)." + hint, seq);
    }

    @Override
    public String tooMuchConcurrency(long seq) {
        ObjectNode root = Wire.object();
        ObjectNode error = root.putObject("error");
        error.put("code", "1302");
        error.put("message", TOO_MUCH_CONCURRENCY);
        return Wire.write(root);
    }

    @Override
    public Reply unauthorized(boolean keyMissing, long seq) {
        return Reply.of(401, error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.", seq));
    }

    @Override
    public String modelList(List<String> models, long createdEpochSecond) {
        ObjectNode root = Wire.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : models) {
            ObjectNode model = data.addObject();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", createdEpochSecond);
            model.put("owned_by", "simulator");
        }
        return Wire.write(root);
    }

    static String defaultType(int status) {
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}
