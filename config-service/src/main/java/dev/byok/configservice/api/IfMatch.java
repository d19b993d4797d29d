package dev.byok.configservice.api;

/** Reads the version out of an {@code If-Match} header: {@code "3"}, {@code W/"3"} or {@code 3}. */
final class IfMatch {

    private IfMatch() {
    }

    static Long parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match", "must be the quoted version of the config, e.g. \"3\"");
        }
    }
}
