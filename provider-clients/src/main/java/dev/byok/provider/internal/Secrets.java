package dev.byok.provider.internal;

import dev.byok.provider.ProviderResult;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes API keys from any text we show: the exact key, and anything shaped like a key, because
 * providers echo keys back (OpenAI: "Incorrect API key provided: sk-abc***xyz") and a key in an
 * outcome or probe message would end up in Kafka, logs and UIs.
 *
 * <p>The text comes from servers we do not control, so every step runs in time linear in its
 * length: the exact key is found with Knuth-Morris-Pratt, the key shapes that start with a fixed
 * word are regular expressions with possessive quantifiers (no backtracking) behind that word, and
 * the shape without a fixed start (an opaque token) is one hand-written pass. No pattern nests
 * unbounded quantifiers or looks ahead over the input.
 */
public final class Secrets {

    static final String REDACTED = "<redacted>";
    private static final int MIN_EXACT = 4;
    /** An opaque token: an alphanumeric run of at least this length with a letter and a digit. */
    private static final int MIN_TOKEN = 24;
    private static final List<Pattern> KEY_SHAPES = List.of(
            Pattern.compile("(?i)\\bbearer\\s++\\S++"),
            Pattern.compile("\\b(?:sk|rk|pk)[-_][A-Za-z0-9*._\\-]{3,}+"),
            Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{10,}+"));

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
                out = replaceAll(out, key);
            }
        }
        for (Pattern shape : KEY_SHAPES) {
            out = shape.matcher(out).replaceAll(REDACTED);
        }
        return redactOpaqueTokens(out);
    }

    /** The same result with its detail scrubbed; successes are returned as they are. */
    public static ProviderResult scrub(ProviderResult result, String apiKey) {
        if (result instanceof ProviderResult.Failure f) {
            return new ProviderResult.Failure(f.outcome(), f.httpStatus(), f.retryAfter(), scrub(f.detail(), apiKey));
        }
        return result;
    }

    /** Every occurrence of {@code key} replaced, found with Knuth-Morris-Pratt: O(text + key). */
    static String replaceAll(String text, String key) {
        int[] fallback = new int[key.length()];
        for (int i = 1, k = 0; i < key.length(); i++) {
            while (k > 0 && key.charAt(i) != key.charAt(k)) {
                k = fallback[k - 1];
            }
            if (key.charAt(i) == key.charAt(k)) {
                k++;
            }
            fallback[i] = k;
        }
        StringBuilder out = null;
        int copiedUpTo = 0;
        for (int i = 0, matched = 0; i < text.length(); i++) {
            while (matched > 0 && text.charAt(i) != key.charAt(matched)) {
                matched = fallback[matched - 1];
            }
            if (text.charAt(i) == key.charAt(matched)) {
                matched++;
            }
            if (matched == key.length()) {
                int start = i - key.length() + 1;
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copiedUpTo, start).append(REDACTED);
                copiedUpTo = i + 1;
                matched = 0;
            }
        }
        return out == null ? text : out.append(text, copiedUpTo, text.length()).toString();
    }

    /**
     * Each run of {@code [A-Za-z0-9._-]} that holds an alphanumeric stretch of {@link #MIN_TOKEN} or
     * more characters with both a letter and a digit is replaced whole: a token with whatever is
     * glued to it (a prefix, dots, dashes). One pass, no backtracking.
     */
    static String redactOpaqueTokens(String text) {
        StringBuilder out = null;
        int copiedUpTo = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            boolean secret = false;
            int stretch = 0;
            boolean letter = false;
            boolean digit = false;
            while (i < n && isTokenChar(text.charAt(i))) {
                char c = text.charAt(i);
                if (isAlphanumeric(c)) {
                    stretch++;
                    letter |= !isDigit(c);
                    digit |= isDigit(c);
                    secret |= stretch >= MIN_TOKEN && letter && digit;
                } else {
                    stretch = 0;
                    letter = false;
                    digit = false;
                }
                i++;
            }
            if (secret) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copiedUpTo, runStart).append(REDACTED);
                copiedUpTo = i;
            }
        }
        return out == null ? text : out.append(text, copiedUpTo, n).toString();
    }

    private static boolean isTokenChar(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
