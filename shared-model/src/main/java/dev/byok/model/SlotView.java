package dev.byok.model;

import java.time.Instant;
import java.util.Map;

/** A slot as the REST API shows it: everything but the key, plus a masked hint (CONTRACTS §2.2). */
public record SlotView(
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
        String keyHint,
        Instant updatedAt,
        String effectiveBaseUrl,
        CloudSettings cloud,
        Boolean stream,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        RequestQuota requestQuota) {

    public static SlotView of(StoredSlot stored) {
        SlotSettings s = stored.settings();
        return new SlotView(s.provider(), s.model(), s.baseUrl(), s.plan(), s.temperature(), s.maxTokens(),
                s.thinking(), s.customOptions(), s.maxConcurrentRequests(), s.openRouter(), stored.keyHint(),
                stored.updatedAt(), s.effectiveBaseUrl(), s.cloud(), s.stream(), s.requestQuota());
    }
}
