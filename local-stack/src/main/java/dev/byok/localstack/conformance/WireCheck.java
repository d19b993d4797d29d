package dev.byok.localstack.conformance;

import dev.byok.model.Json;
import dev.byok.simulator.CapturedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares what a provider received with a case's {@code expected} request, as the conformance
 * README says: method, endpoint, the headers the case lists ({@code <KEY>} is the slot's key;
 * transport headers are ignored), and the JSON body structurally (key order free, every other
 * difference counts; with {@code maxTokensValueFree} the max-tokens field's value is free but it
 * must be there where the case has it).
 */
public final class WireCheck {

    private static final Set<String> TRANSPORT = Set.of("user-agent", "accept", "content-length", "connection",
            "host", "accept-encoding", "upgrade", "http2-settings");
    private static final List<String> MAX_TOKEN_FIELDS = List.of("max_tokens", "max_output_tokens",
            "generationConfig.maxOutputTokens");

    private WireCheck() {
    }

    /** Every way {@code sent} differs from the case's expected request; empty when it conforms. */
    public static List<String> differences(JsonNode testCase, CapturedRequest sent) {
        JsonNode expected = testCase.path("expected");
        String apiKey = testCase.path("slot").path("apiKey").asString();
        List<String> out = new ArrayList<>();
        if (!sent.method().equals(expected.path("method").asString())) {
            out.add("method " + sent.method());
        }
        String path = expected.path("basePath").asString() + expected.path("endpoint").asString()
                + query(expected.path("query"));
        if (!sent.path().equals(path)) {
            out.add("path " + sent.path() + ", expected " + path);
        }
        Map<String, String> headers = headers(sent);
        Map<String, String> wantHeaders = expectedHeaders(expected, apiKey, headers);
        if (!headers.equals(wantHeaders)) {
            out.add("headers " + headers.keySet() + ", expected " + wantHeaders.keySet()
                    + (headers.keySet().equals(wantHeaders.keySet()) ? " (values differ)" : ""));
        }
        JsonNode body = Json.lenient().readTree(sent.body());
        JsonNode want = expected.path("body").deepCopy();
        if (expected.path("maxTokensValueFree").asBoolean()) {
            freeMaxTokens((ObjectNode) want, (ObjectNode) body, out);
        }
        JsonDiff.differences(want, body).forEach(d -> out.add("body " + d));
        return out;
    }

    private static void freeMaxTokens(ObjectNode want, ObjectNode body, List<String> out) {
        for (String path : MAX_TOKEN_FIELDS) {
            String[] parts = path.split("\\.");
            JsonNode wantParent = parts.length == 1 ? want : want.path(parts[0]);
            JsonNode bodyParent = parts.length == 1 ? body : body.path(parts[0]);
            String field = parts[parts.length - 1];
            if (wantParent.has(field)) {
                if (!(bodyParent.path(field).isIntegralNumber() && bodyParent.path(field).asInt() > 0)) {
                    out.add("body " + path + " must be present");
                }
                ((ObjectNode) wantParent).remove(field);
            }
            if (bodyParent instanceof ObjectNode parent) {
                parent.remove(field);
            }
        }
    }

    private static Map<String, String> headers(CapturedRequest sent) {
        Map<String, String> out = new TreeMap<>();
        sent.headers().forEach((name, values) -> {
            if (!TRANSPORT.contains(name)) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }

    /**
     * {@code <KEY>} is the slot's key. {@code <ACCESS_TOKEN>} is the token a Vertex service-account key
     * was exchanged for: it differs per run, so any {@code ya29.} token the request carries stands in
     * (the simulator answers only tokens its own token endpoint issued, so a success proves the rest).
     */
    private static Map<String, String> expectedHeaders(JsonNode expected, String apiKey, Map<String, String> sent) {
        Map<String, String> out = new TreeMap<>();
        expected.path("headers").properties().forEach(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue().asString().replace("<KEY>", apiKey);
            String actual = sent.getOrDefault(name, "");
            if (value.contains("<ACCESS_TOKEN>") && actual.startsWith("Bearer ya29.")) {
                value = actual;
            }
            out.put(name, value);
        });
        return out;
    }

    private static String query(JsonNode query) {
        if (!query.isObject() || query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        query.properties().forEach(e -> out.append(out.isEmpty() ? "?" : "&").append(e.getKey()).append('=')
                .append(java.net.URLEncoder.encode(e.getValue().asString(), java.nio.charset.StandardCharsets.UTF_8)));
        return out.toString();
    }
}
