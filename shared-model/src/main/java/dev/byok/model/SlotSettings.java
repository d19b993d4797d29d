package dev.byok.model;

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
        String effectiveBaseUrl) {
}
