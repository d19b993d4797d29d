package dev.byok.simulator.internal;

import tools.jackson.databind.JsonNode;

/**
 * Deterministic usage numbers: about four characters per token, as the providers' rule of thumb,
 * so tests can predict usage and clients see plausible, non-zero counts.
 */
final class Tokens {

    private Tokens() {
    }

    /** Prompt tokens for {@code chars} characters of prompt: at least 1. */
    static long prompt(long chars) {
        return Math.max(1, ceilQuarter(chars));
    }

    /** Output tokens for an answer text. */
    static long output(String text) {
        return ceilQuarter(text.length());
    }

    /**
     * The characters of prompt text in a JSON fragment of any of the formats: strings count in full;
     * arrays are summed; objects contribute their {@code text}, {@code content} and {@code parts}
     * (message content strings, text blocks, Gemini parts, Responses input items).
     */
    static long textChars(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (node.isString()) {
            return node.stringValue().length();
        }
        long sum = 0;
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                sum += textChars(element);
            }
        } else if (node.isObject()) {
            sum += textChars(node.get("text")) + textChars(node.get("content")) + textChars(node.get("parts"));
        }
        return sum;
    }

    private static long ceilQuarter(long chars) {
        return (chars + 3) / 4;
    }
}
