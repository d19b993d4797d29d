package dev.byok.configservice.slots;

import java.util.List;

/**
 * Keys arrive pasted from consoles and password managers, often with a trailing newline or in
 * quotes. Those characters would make every call fail with "invalid key" (or worse, split an HTTP
 * header), so they are removed and the caller is told.
 */
final class ApiKeyCleaner {

    private ApiKeyCleaner() {
    }

    /** The cleaned key, or null if none was given; adds an error or a warning as needed. */
    static String clean(String raw, List<FieldError> errors, List<String> warnings) {
        if (raw == null) {
            return null;
        }
        String key = raw.replace("\r", "").replace("\n", "").strip();
        while (key.length() >= 2 && isQuote(key.charAt(0)) && key.charAt(key.length() - 1) == key.charAt(0)) {
            key = key.substring(1, key.length() - 1).strip();
        }
        if (key.isEmpty()) {
            errors.add(new FieldError("apiKey", "is empty"));
            return null;
        }
        if (key.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            errors.add(new FieldError("apiKey", "contains spaces or control characters"));
            return null;
        }
        if (!key.equals(raw)) {
            warnings.add("apiKey: surrounding whitespace, quotes or line breaks were removed");
        }
        return key;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }
}
