package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Tokens of one call as the provider reported them; null where it did not say. {@code inputTokens}
 * counts every prompt token, those read from the provider's prompt cache included;
 * {@code cachedTokens} says how many of them were read from that cache (billed at a lower price);
 * {@code outputTokens} includes {@code reasoningTokens}.
 */
public record Usage(Long inputTokens, Long outputTokens, Long reasoningTokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long cachedTokens) {

    /** Usage of a provider that says nothing about its prompt cache. */
    public Usage(Long inputTokens, Long outputTokens, Long reasoningTokens) {
        this(inputTokens, outputTokens, reasoningTokens, null);
    }
}
