package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon Bedrock's Converse API ({@code POST …/model/{modelId}/converse}): errors are
 * {@code {"message"}} with the exception name in {@code __type} (real Bedrock sends it in the
 * {@code x-amzn-ErrorType} header; the simulator puts it in both), throttling is a 429
 * {@code ThrottlingException}, a bad key a 403 {@code UnrecognizedClientException}-style answer.
 */
final class BedrockDialect implements Dialect {

    @Override
    public Prompt readPrompt(JsonNode body, Route route) {
        String model = route.pathModel() != null ? route.pathModel() : Prompt.UNKNOWN_MODEL;
        return new Prompt(model, Tokens.textChars(body.path("system")) + Tokens.textChars(body.path("messages")),
                Wire.number(body.path("inferenceConfig"), "maxTokens"));
    }

    @Override
    public String success(Completion c) {
        ObjectNode root = Wire.object();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", c.text());
        root.put("stopReason", c.lengthCapped() ? "max_tokens" : "end_turn");
        ObjectNode usage = root.putObject("usage");
        usage.put("inputTokens", c.promptTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("totalTokens", c.promptTokens() + c.outputTokens());
        root.putObject("metrics").put("latencyMs", 1);
        return Wire.write(root);
    }

    @Override
    public String error(int status, String type, String code, String message, long seq) {
        ObjectNode root = Wire.object();
        root.put("message", message);
        root.put("__type", type != null ? type : defaultType(status));
        return Wire.write(root);
    }

    static String defaultType(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    @Override
    public String rateLimited(Duration retryAfter, long seq) {
        return error(429, "ThrottlingException", null, "Too many requests, please wait before trying again.", seq);
    }

    @Override
    public String tooMuchConcurrency(long seq) {
        return error(429, "ThrottlingException", null, TOO_MUCH_CONCURRENCY, seq);
    }

    @Override
    public Reply unauthorized(boolean keyMissing, long seq) {
        return Reply.of(403, error(403, "UnrecognizedClientException", null,
                "The security token included in the request is invalid.", seq));
    }

    /** {@code GET …/foundation-models} on the control-plane host. */
    @Override
    public String modelList(List<String> models, long createdEpochSecond) {
        ObjectNode root = Wire.object();
        ArrayNode summaries = root.putArray("modelSummaries");
        for (String id : models) {
            summaries.addObject().put("modelId", id).put("providerName", "simulator");
        }
        return Wire.write(root);
    }
}
