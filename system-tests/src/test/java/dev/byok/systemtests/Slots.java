package dev.byok.systemtests;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Slot configs as JSON, and fresh keys and org ids, for tests that must not share state. */
final class Slots {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Slots() {
    }

    static String newOrgId(String label) {
        return label + "-" + HexFormat.of().formatHex(bytes(4));
    }

    /** A fresh key, registered at once for the leak scans of the last test ({@link TestOrgs#KEYS_USED}). */
    static String newKey() {
        String key = "sk-test-" + HexFormat.of().formatHex(bytes(20));
        TestOrgs.KEYS_USED.add(key);
        return key;
    }

    static String compatible(String baseUrl, String model, String apiKey, Integer maxConcurrentRequests) {
        return """
                {"provider":"openai_compatible","model":"%s","baseUrl":"%s","apiKey":"%s","maxConcurrentRequests":%s}"""
                .formatted(model, baseUrl, apiKey, maxConcurrentRequests == null ? "null" : maxConcurrentRequests);
    }

    /** An OpenAI slot (Responses API) on another base URL, e.g. the simulator's. */
    static String openAi(String baseUrl, String model, String apiKey, Integer maxConcurrentRequests) {
        return """
                {"provider":"openai","model":"%s","baseUrl":"%s","apiKey":"%s","maxConcurrentRequests":%s}"""
                .formatted(model, baseUrl, apiKey, maxConcurrentRequests == null ? "null" : maxConcurrentRequests);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
