package dev.byok.configservice.slots;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masked form of a key that the API shows instead of the key: at most its last four
 * characters, after an ellipsis ({@code …a1b2}), and a recognisable vendor prefix in front
 * ({@code sk-…a1b2}) only for keys long enough that the prefix and tail together are a small part of
 * them. A short key shows less of its tail (a quarter of it at most) and never its prefix; a very
 * short one shows nothing.
 */
public final class KeyHints {

    private static final int MIN_LENGTH_FOR_TAIL = 12;
    private static final int MIN_LENGTH_FOR_PREFIX = 20;
    private static final int MAX_TAIL = 4;
    private static final Pattern VENDOR_PREFIX = Pattern.compile("^([A-Za-z]{2,3}-)");

    private KeyHints() {
    }

    public static String of(String apiKey) {
        if (apiKey == null || apiKey.length() < MIN_LENGTH_FOR_TAIL) {
            return "…";
        }
        if (apiKey.startsWith("{")) {
            // A JSON credential (service-account key, access keys): its tail is JSON punctuation.
            String cloud = CloudSlots.hint(apiKey);
            if (cloud != null) {
                return cloud;
            }
        }
        int tail = Math.min(MAX_TAIL, apiKey.length() / 4);
        String prefix = "";
        if (apiKey.length() >= MIN_LENGTH_FOR_PREFIX) {
            Matcher vendor = VENDOR_PREFIX.matcher(apiKey);
            prefix = vendor.find() ? vendor.group(1) : "";
        }
        return prefix + "…" + apiKey.substring(apiKey.length() - tail);
    }
}
