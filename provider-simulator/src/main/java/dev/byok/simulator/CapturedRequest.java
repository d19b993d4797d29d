package dev.byok.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request exactly as the simulator received it, so tests can compare the JSON a client really
 * sends to a provider. Headers and path are unredacted (tests may need to check the auth header);
 * {@link #toString()} redacts credentials so a failing assertion does not print a key.
 *
 * @param method HTTP method
 * @param path raw path plus {@code ?query} as received
 * @param headers lower-cased header names to their values
 * @param body the body decoded as UTF-8 ("" when empty)
 * @param receivedAt arrival time per the simulator's clock
 * @param apiKey the key extracted for the endpoint, {@code null} when none was sent
 */
public record CapturedRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        String body,
        Instant receivedAt,
        String apiKey) {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key");

    public CapturedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Map.copyOf(copy);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        headers.forEach((name, values) -> shown.put(name, SECRET_HEADERS.contains(name) ? "<redacted>" : values));
        String shownPath = path.replaceAll("([?&]key=)[^&]*", "$1<redacted>");
        return "CapturedRequest[method=" + method + ", path=" + shownPath + ", headers=" + shown
                + ", body=" + body.length() + " chars, receivedAt=" + receivedAt
                + ", apiKey=" + (apiKey == null ? "null" : "<redacted>") + "]";
    }
}
