package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini {@code POST …/models/{model}:generateContent}: model from the path, prompt from {@code
 * systemInstruction} and {@code contents}, errors as google.rpc.Status. Google answers a bad key
 * with 400 {@code API_KEY_INVALID} and a missing one with 403, never 401.
 */
final class GeminiDialect implements Dialect {

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    @Override
    public Prompt readPrompt(JsonNode body, Route route) {
        String model = route.pathModel() != null ? route.pathModel() : Prompt.UNKNOWN_MODEL;
        return new Prompt(
                model,
                Tokens.textChars(body.path("systemInstruction")) + Tokens.textChars(body.path("contents")),
                Wire.number(body.path("generationConfig"), "maxOutputTokens"));
    }

    @Override
    public String success(Completion c) {
        ObjectNode root = Wire.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        if (!c.lengthCapped()) {
            // A MAX_TOKENS answer whose budget went to thinking really comes without "parts".
            content.putArray("parts").addObject().put("text", c.text());
        }
        candidate.put("finishReason", c.lengthCapped() ? "MAX_TOKENS" : "STOP");
        candidate.put("index", 0);
        ObjectNode usage = root.putObject("usageMetadata");
        usage.put("promptTokenCount", c.promptTokens());
        usage.put("cachedContentTokenCount", c.cachedTokens());
        usage.put("candidatesTokenCount", c.outputTokens() - c.reasoningTokens());
        usage.put("thoughtsTokenCount", c.reasoningTokens());
        usage.put("totalTokenCount", c.promptTokens() + c.outputTokens());
        root.put("modelVersion", c.model());
        root.put("responseId", "sim-" + c.seq());
        return Wire.write(root);
    }

    @Override
    public String error(int status, String type, String code, String message, long seq) {
        ObjectNode root = Wire.object();
        ObjectNode error = envelope(root, status, type, message);
        if (code != null) {
            errorInfo(error.putArray("details"), code);
        }
        return Wire.write(root);
    }

    @Override
    public String rateLimited(Duration retryAfter, long seq) {
        ObjectNode root = Wire.object();
        String hint = retryAfter == null ? "" : " Please retry in " + protoDuration(retryAfter) + ".";
        ObjectNode error = envelope(root, 429, null, "You exceeded your current quota (simulated)." + hint);
        if (retryAfter != null) {
            ObjectNode retryInfo = error.putArray("details").addObject();
            retryInfo.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
            retryInfo.put("retryDelay", protoDuration(retryAfter));
        }
        return Wire.write(root);
    }

    @Override
    public String tooMuchConcurrency(long seq) {
        ObjectNode root = Wire.object();
        envelope(root, 429, null, TOO_MUCH_CONCURRENCY);
        return Wire.write(root);
    }

    @Override
    public Reply unauthorized(boolean keyMissing, long seq) {
        if (keyMissing) {
            return Reply.of(403, error(403, "PERMISSION_DENIED", null,
                    "Method doesn't allow unregistered callers (callers without established identity). "
                            + "Please use API Key or other form of API consumer identity to call this API.", seq));
        }
        return Reply.of(400, error(400, "INVALID_ARGUMENT", "API_KEY_INVALID",
                "API key not valid. Please pass a valid API key.", seq));
    }

    @Override
    public String modelList(List<String> models, long createdEpochSecond) {
        ObjectNode root = Wire.object();
        ArrayNode list = root.putArray("models");
        for (String id : models) {
            ObjectNode model = list.addObject();
            model.put("name", "models/" + id);
            model.put("displayName", id);
            model.putArray("supportedGenerationMethods").add("generateContent");
        }
        return Wire.write(root);
    }

    /** The canonical google.rpc code name for an HTTP status. */
    static String canonicalStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 500 -> "INTERNAL";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    /** A protobuf JSON Duration: "58s" or "1.500s". */
    static String protoDuration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
    }

    private static ObjectNode envelope(ObjectNode root, int status, String type, String message) {
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", type != null ? type : canonicalStatus(status));
        return error;
    }

    private static void errorInfo(ArrayNode details, String reason) {
        ObjectNode info = details.addObject();
        info.put("@type", ERROR_INFO);
        info.put("reason", reason);
        info.put("domain", "googleapis.com");
        info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
    }

    @Override
    public java.util.List<String> streamEvents(Completion c) {
        return StreamEvents.gemini(c);
    }
}
