package dev.byok.provider.internal;

/**
 * Header names and values as HTTP/1.1 allows them (RFC 9110 §5): a name is a token, a value has
 * no control character but tab. A key pasted with a line break must not become a second header
 * line (header injection), and the refusal never quotes the value, which may be the key.
 */
final class HeaderValues {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderValues() {
    }

    static void check(String name, String value) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(HeaderValues::isTokenChar)) {
            throw new IllegalArgumentException("a header name has characters HTTP does not allow");
        }
        if (value == null || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff))) {
            throw new IllegalArgumentException("the value of header " + name + " has characters HTTP does not allow");
        }
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }
}
