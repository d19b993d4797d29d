package dev.byok.configservice.security;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an HS256 secret is strong enough to sign tokens that manage other people's keys. Length
 * alone lets through {@code aaaa…}, {@code 0123456789…} repeated, or a placeholder copied from a
 * document; anyone who guesses the secret mints admin tokens. The checks are cheap proxies for
 * entropy, tuned so that the outputs of {@code openssl rand -hex 32} or {@code -base64 32} always
 * pass. Pure.
 */
public final class SecretStrength {

    static final int MIN_BYTES = 32;
    static final int MIN_DISTINCT = 10;
    /** Shannon entropy of the characters times the length: ~250 for 64 random hex digits. */
    static final double MIN_ESTIMATED_BITS = 128;
    private static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "change_me", "secret",
            "password", "example", "placeholder", "your-", "default");

    private SecretStrength() {
    }

    /** Why {@code secret} is too weak, in words an operator can act on; empty when it is strong enough. */
    public static Optional<String> weakness(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            return Optional.of("it must be at least " + MIN_BYTES + " bytes long; a shorter HS256 secret can be "
                    + "brute-forced");
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String placeholder : PLACEHOLDERS) {
            if (lower.contains(placeholder)) {
                return Optional.of("it contains '" + placeholder + "', so it looks like a placeholder, not a secret");
            }
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : secret.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        if (counts.size() < MIN_DISTINCT) {
            return Optional.of("it uses only " + counts.size() + " different characters");
        }
        if (repeatsAShortUnit(secret)) {
            return Optional.of("it repeats a short pattern");
        }
        double bitsPerChar = 0;
        for (int count : counts.values()) {
            double p = (double) count / secret.length();
            bitsPerChar -= p * (Math.log(p) / Math.log(2));
        }
        if (bitsPerChar * secret.length() < MIN_ESTIMATED_BITS) {
            return Optional.of("its characters are too predictable (about " + Math.round(bitsPerChar * secret.length())
                    + " bits; at least " + (int) MIN_ESTIMATED_BITS + " are needed)");
        }
        return Optional.empty();
    }

    private static boolean repeatsAShortUnit(String secret) {
        for (int unit = 1; unit <= 16 && unit * 2 <= secret.length(); unit++) {
            boolean repeats = true;
            for (int i = unit; i < secret.length() && repeats; i++) {
                repeats = secret.charAt(i) == secret.charAt(i - unit);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }
}
