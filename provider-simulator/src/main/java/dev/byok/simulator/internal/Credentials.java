package dev.byok.simulator.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API key a request carries and the dialect to answer in, read the way each provider reads it:
 * OpenAI-style {@code Authorization: Bearer}, Anthropic {@code x-api-key}, Gemini {@code
 * x-goog-api-key} or {@code ?key=}. Model lists pick their dialect from whichever of those is present.
 *
 * @param apiKey the key, {@code null} when none was sent
 * @param dialect how to answer; for unknown endpoints the OpenAI chat dialect
 */
record Credentials(String apiKey, Dialect dialect) {

    /**
     * @param endpoint the matched endpoint, {@code null} for an unknown path (then any credential is
     *     taken, for captures and stats)
     * @param headers lower-cased header names
     * @param rawQuery the raw query string, may be {@code null}
     */
    /** Without a route model and with no Vertex tokens issued. */
    static Credentials extract(Endpoint endpoint, Map<String, List<String>> headers, String rawQuery) {
        return extract(endpoint == null ? null : new Route(endpoint, null), headers, rawQuery, new GoogleTokens());
    }

    static Credentials extract(Route route, Map<String, List<String>> headers, String rawQuery, GoogleTokens tokens) {
        Endpoint endpoint = route == null ? null : route.endpoint();
        String bearer = bearer(headers);
        String anthropic = first(headers, "x-api-key");
        String azure = first(headers, "api-key");
        String google = first(headers, "x-goog-api-key");
        if (google == null) {
            google = queryKey(rawQuery);
        }
        // A Vertex access token stands for the service account it was issued to.
        String account = tokens.accountFor(bearer);
        if (google == null && account != null) {
            google = account;
        }
        String aws = firstNonNull(sigV4AccessKey(headers), bearer);
        if (endpoint == null) {
            return new Credentials(firstNonNull(bearer, anthropic, google, azure), Dialects.CHAT);
        }
        return switch (endpoint) {
            case CHAT_COMPLETIONS, KEY_PROBE -> new Credentials(firstNonNull(bearer, azure), Dialects.CHAT);
            case RESPONSES -> new Credentials(firstNonNull(bearer, azure), Dialects.RESPONSES);
            case ANTHROPIC_MESSAGES -> new Credentials(anthropic, Dialects.ANTHROPIC);
            case GEMINI_GENERATE_CONTENT, MODEL_INFO -> new Credentials(google, Dialects.GEMINI);
            case BEDROCK_CONVERSE -> new Credentials(aws, Dialects.BEDROCK);
            case GOOGLE_TOKEN -> new Credentials(null, Dialects.GEMINI);
            case MODELS -> Router.BEDROCK_LIST.equals(route.pathModel()) ? new Credentials(aws, Dialects.BEDROCK)
                    : models(firstNonNull(bearer, azure), anthropic, google);
        };
    }

    /**
     * The access key id of a SigV4 {@code Authorization} header ({@code AWS4-HMAC-SHA256
     * Credential=AKID/date/region/service/aws4_request, …}): the simulator does not check the
     * signature, it only takes the key id as the caller's identity.
     */
    private static String sigV4AccessKey(Map<String, List<String>> headers) {
        String value = first(headers, "authorization");
        String prefix = "AWS4-HMAC-SHA256 Credential=";
        if (value == null || !value.startsWith(prefix)) {
            return null;
        }
        int slash = value.indexOf('/', prefix.length());
        return slash < 0 ? null : blankToNull(value.substring(prefix.length(), slash));
    }

    private static Credentials models(String bearer, String anthropic, String google) {
        if (anthropic != null) {
            return new Credentials(anthropic, Dialects.ANTHROPIC);
        }
        if (google != null) {
            return new Credentials(google, Dialects.GEMINI);
        }
        return new Credentials(bearer, Dialects.CHAT);
    }

    private static String bearer(Map<String, List<String>> headers) {
        String value = first(headers, "authorization");
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return blankToNull(value.substring(7).trim());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : blankToNull(values.getFirst().trim());
    }

    private static String queryKey(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "key".equals(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
                return blankToNull(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
