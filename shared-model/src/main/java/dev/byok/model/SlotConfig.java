package dev.byok.model;

import java.util.Map;

/**
 * What a caller sends to create or replace a slot (CONTRACTS §2.1). {@code apiKey} is write-only:
 * it is encrypted before it leaves config-service and never comes back.
 */
public record SlotConfig(
        ProviderId provider,
        String model,
        String baseUrl,
        String plan,
        String apiKey,
        Double temperature,
        Integer maxTokens,
        ThinkingLevel thinking,
        Map<String, Object> customOptions,
        Integer maxConcurrentRequests,
        OpenRouterPins openRouter,
        CloudSettings cloud,
        Boolean stream,
        RequestQuota requestQuota) {

    /** A slot without a request quota. */
    public SlotConfig(ProviderId provider, String model, String baseUrl, String plan, String apiKey, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter, CloudSettings cloud, Boolean stream) {
        this(provider, model, baseUrl, plan, apiKey, temperature, maxTokens, thinking, customOptions,
                maxConcurrentRequests, openRouter, cloud, stream, null);
    }

    /** A slot without the stream choice (the default applies). */
    public SlotConfig(ProviderId provider, String model, String baseUrl, String plan, String apiKey, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter, CloudSettings cloud) {
        this(provider, model, baseUrl, plan, apiKey, temperature, maxTokens, thinking, customOptions,
                maxConcurrentRequests, openRouter, cloud, null, null);
    }

    /** A slot of a provider with a fixed API root (no cloud settings). */
    public SlotConfig(ProviderId provider, String model, String baseUrl, String plan, String apiKey, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter) {
        this(provider, model, baseUrl, plan, apiKey, temperature, maxTokens, thinking, customOptions,
                maxConcurrentRequests, openRouter, null, null, null);
    }

    /** The same config without its key, safe to log or to keep. */
    public SlotConfig withoutKey() {
        return new SlotConfig(provider, model, baseUrl, plan, null, temperature, maxTokens, thinking,
                customOptions, maxConcurrentRequests, openRouter, cloud, stream, requestQuota);
    }

    @Override
    public String toString() {
        return "SlotConfig[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "absent" : "<redacted>") + "]";
    }
}
