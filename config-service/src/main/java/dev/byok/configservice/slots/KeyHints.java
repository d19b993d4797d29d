package dev.byok.configservice.slots;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masked form of a key that the API shows instead of the key: a recognisable vendor prefix,
 * an ellipsis and the last four characters ({@code sk-…a1b2}). Keys shorter than 12 characters
 * show nothing but the ellipsis, because four characters of a short key are too much of it.
 */
public final class KeyHints {

    private static final int MIN_LENGTH_FOR_TAIL = 12;
    private static final Pattern VENDOR_PREFIX = Pattern.compile("^([A-Za-z]{2,3}-)");

    private KeyHints() {
    }

    public static String of(String apiKey) {
        if (apiKey == null || apiKey.length() < MIN_LENGTH_FOR_TAIL) {
            return "…";
        }
        Matcher prefix = VENDOR_PREFIX.matcher(apiKey);
        return (prefix.find() ? prefix.group(1) : "") + "…" + apiKey.substring(apiKey.length() - 4);
    }
}
