package dev.byok.provider.internal;

import dev.byok.provider.ProviderResult;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes API keys from any text we show: the exact key, and anything shaped like a key, because
 * providers echo keys back (OpenAI: "Incorrect API key provided: sk-abc***xyz") and a key in an
 * outcome or probe message would end up in Kafka, logs and UIs.
 */
public final class Secrets {

    static final String REDACTED = "<redacted>";
    private static final int MIN_EXACT = 4;
    private static final List<Pattern> KEY_SHAPES = List.of(
            Pattern.compile("(?i)\\bbearer\\s+\\S+"),
            Pattern.compile("\\b(sk|rk|pk)[-_][A-Za-z0-9*._\\-]{3,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{10,}"),
            // An opaque token: a run of 24+ letters and digits (with both), plus whatever is glued to it.
            Pattern.compile("[A-Za-z0-9._\\-]*(?=[A-Za-z0-9]*\\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{24,}"
                    + "[A-Za-z0-9._\\-]*"));

    private Secrets() {
    }

    public static String scrub(String text, String apiKey) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (apiKey != null) {
            String key = apiKey.strip();
            if (key.length() >= MIN_EXACT) {
                out = out.replace(key, REDACTED);
            }
        }
        for (Pattern shape : KEY_SHAPES) {
            out = shape.matcher(out).replaceAll(REDACTED);
        }
        return out;
    }

    /** The same result with its detail scrubbed; successes are returned as they are. */
    public static ProviderResult scrub(ProviderResult result, String apiKey) {
        if (result instanceof ProviderResult.Failure f) {
            return new ProviderResult.Failure(f.outcome(), f.httpStatus(), f.retryAfter(), scrub(f.detail(), apiKey));
        }
        return result;
    }
}
