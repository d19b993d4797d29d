package dev.byok.provider.internal;

import dev.byok.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a provider error body that classification looks at, read leniently from the common
 * envelopes: OpenAI-style {@code {"error":{"type","code","message"}}} (also Z.ai, Moonshot,
 * OpenRouter), Anthropic's {@code {"type":"error","error":{...}}}, Google's
 * {@code {"error":{"status","details"}}}, a bare {@code {"error":"..."}} (vLLM) or the fields at the
 * top level (Novita). Every text is scrubbed of the caller's key and of anything shaped like a key
 * before it is shortened: a key cut at the length limit would no longer match the exact key.
 *
 * @param reasons google.rpc.ErrorInfo reasons ({@code API_KEY_INVALID})
 * @param retryDelay google.rpc.RetryInfo {@code retryDelay} ({@code "58s"}), or null
 * @param quotaIds google.rpc.QuotaFailure quota ids ({@code ...PerDay...})
 * @param moderation OpenRouter's moderation metadata was present (flagged input)
 */
public record ErrorBody(String type, String code, String status, List<String> reasons, String message,
        String retryDelay, List<String> quotaIds, boolean moderation) {

    static final ErrorBody EMPTY = new ErrorBody(null, null, null, List.of(), null, null, List.of(), false);
    private static final int MAX_MESSAGE = 200;
    /**
     * The most of an error body that is read at all. Provider error envelopes are a few hundred
     * characters; whatever follows this prefix is never parsed or scrubbed, so a hostile endpoint's
     * megabyte of error text costs no more than this. A longer body is usually no longer valid JSON
     * once cut, and is then classified by its status alone.
     */
    static final int MAX_READ = 16 * 1024;

    public ErrorBody {
        reasons = List.copyOf(reasons);
        quotaIds = List.copyOf(quotaIds);
    }

    /** The body read without knowing the key: only key-shaped text is scrubbed. */
    public static ErrorBody parse(String body) {
        return parse(body, null);
    }

    /** @param apiKey the key the call was made with; its exact text is scrubbed from every field, may be null */
    public static ErrorBody parse(String body, String apiKey) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        String prefix = body.length() > MAX_READ ? body.substring(0, MAX_READ) : body;
        JsonNode root;
        try {
            root = Json.lenient().readTree(prefix);
        } catch (RuntimeException notJson) {
            return EMPTY;
        }
        JsonNode error = root.path("error");
        if (error.isString()) {
            return new ErrorBody(null, null, null, List.of(), clean(error.asString(), apiKey), null, List.of(), false);
        }
        JsonNode source = error.isObject() ? error : root;
        List<String> reasons = new ArrayList<>();
        List<String> quotaIds = new ArrayList<>();
        String retryDelay = null;
        for (JsonNode detail : source.path("details")) {
            addText(reasons, detail.get("reason"), apiKey);
            for (JsonNode violation : detail.path("violations")) {
                addText(quotaIds, violation.get("quotaId"), apiKey);
            }
            if (detail.path("@type").asString("").endsWith("RetryInfo")) {
                retryDelay = clean(text(detail, "retryDelay"), apiKey);
            }
        }
        addText(reasons, source.get("reason"), apiKey);
        String message = text(source, "message");
        JsonNode metadata = source.path("metadata");
        boolean moderation = metadata.has("reasons") || metadata.has("flagged_input");
        String type = text(source, "type");
        if (type == null && text(root, "__type") != null) {
            // AWS JSON errors name the exception in __type, sometimes after its namespace and '#'.
            String aws = text(root, "__type");
            type = aws.substring(aws.lastIndexOf('#') + 1);
        }
        return new ErrorBody(clean(type, apiKey), clean(text(source, "code"), apiKey),
                clean(text(source, "status"), apiKey), reasons,
                clean(message == null ? text(root, "message") : message, apiKey), retryDelay, quotaIds, moderation);
    }

    /** Whether the type, code, status or a reason equals one of {@code values} (case-insensitive). */
    public boolean is(String... values) {
        for (String value : values) {
            if (value.equalsIgnoreCase(type) || value.equalsIgnoreCase(code) || value.equalsIgnoreCase(status)
                    || reasons.stream().anyMatch(value::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message contains {@code fragment}, ignoring case. */
    public boolean says(String fragment) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }

    /** A few words for an attempt's detail: the type or code, then the start of the message. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {type, code, status, reasons.isEmpty() ? null : reasons.getFirst()}) {
            if (part != null && !part.isBlank() && out.indexOf(part) < 0) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        if (message != null && !message.isBlank()) {
            out.append(out.isEmpty() ? "" : ": ").append(message.length() > 100 ? message.substring(0, 100) + "…"
                    : message);
        }
        return out.toString();
    }

    private static void addText(List<String> into, JsonNode node, String apiKey) {
        if (node != null && node.isValueNode() && !node.isNull()) {
            into.add(clean(node.asString(), apiKey));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    /** Scrubbed first, then shortened: the other order lets a key cut at the limit escape the exact match. */
    private static String clean(String text, String apiKey) {
        if (text == null) {
            return null;
        }
        String scrubbed = Secrets.scrub(text, apiKey);
        return scrubbed.length() <= MAX_MESSAGE ? scrubbed : scrubbed.substring(0, MAX_MESSAGE) + "…";
    }
}
