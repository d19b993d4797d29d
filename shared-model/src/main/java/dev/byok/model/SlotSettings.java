package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A slot's settings as stored and as the worker uses them: the SlotConfig without its key, with the
 * plan already resolved into {@code baseUrl} and {@code maxConcurrentRequests}.
 * {@code effectiveBaseUrl} is the URL calls go to (the provider default when no baseUrl was given).
 */
public record SlotSettings(
        ProviderId provider,
        String model,
        String baseUrl,
        String plan,
        Double temperature,
        Integer maxTokens,
        ThinkingLevel thinking,
        Map<String, Object> customOptions,
        Integer maxConcurrentRequests,
        OpenRouterPins openRouter,
        String effectiveBaseUrl,
        CloudSettings cloud,
        Boolean stream,
        @JsonInclude(JsonInclude.Include.NON_NULL) RequestQuota requestQuota) {

    /** Settings without a request quota. */
    public SlotSettings(ProviderId provider, String model, String baseUrl, String plan, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter, String effectiveBaseUrl, CloudSettings cloud,
            Boolean stream) {
        this(provider, model, baseUrl, plan, temperature, maxTokens, thinking, customOptions, maxConcurrentRequests,
                openRouter, effectiveBaseUrl, cloud, stream, null);
    }

    /** Settings without the stream choice (the default applies: not streamed). */
    public SlotSettings(ProviderId provider, String model, String baseUrl, String plan, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter, String effectiveBaseUrl, CloudSettings cloud) {
        this(provider, model, baseUrl, plan, temperature, maxTokens, thinking, customOptions, maxConcurrentRequests,
                openRouter, effectiveBaseUrl, cloud, null, null);
    }

    /** Whether calls of this slot are streamed: only when the slot asks for it (see README, "Streaming"). */
    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    /** Settings of a provider with a fixed API root (no cloud settings). */
    public SlotSettings(ProviderId provider, String model, String baseUrl, String plan, Double temperature,
            Integer maxTokens, ThinkingLevel thinking, Map<String, Object> customOptions,
            Integer maxConcurrentRequests, OpenRouterPins openRouter, String effectiveBaseUrl) {
        this(provider, model, baseUrl, plan, temperature, maxTokens, thinking, customOptions, maxConcurrentRequests,
                openRouter, effectiveBaseUrl, null, null, null);
    }

    /** The same settings calling another root (tests and the conformance runs point a slot at a local server). */
    public SlotSettings withEffectiveBaseUrl(String root) {
        return new SlotSettings(provider, model, baseUrl, plan, temperature, maxTokens, thinking, customOptions,
                maxConcurrentRequests, openRouter, root, cloud, stream, requestQuota);
    }
}
