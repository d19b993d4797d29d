package dev.byok.model;

import java.util.List;

/**
 * A recommended model of the curated catalog (CONTRACTS §2.3): what to pick when you do not want
 * to configure a provider by hand. {@code contextWindow} is in tokens. {@code plans} are the
 * subscription variants of the model with their endpoint and concurrency pre-fill; saving a slot
 * with a plan's id fills those in.
 */
public record CatalogEntry(
        String id,
        String displayName,
        ProviderId provider,
        String model,
        String description,
        int contextWindow,
        String apiKeyUrl,
        Defaults defaults,
        List<Plan> plans) {

    public CatalogEntry {
        plans = plans == null ? List.of() : List.copyOf(plans);
    }

    /** The settings a card pre-fills. */
    public record Defaults(Double temperature, Integer maxTokens, ThinkingLevel thinking) {
    }

    /**
     * A way to buy the model: its API root, the concurrency it allows (null: no cap), the page where a
     * key for this plan is made (a key of one plan does not work on another's endpoint) and the request
     * quota the provider publishes for it (null: none published).
     */
    public record Plan(String id, String label, String baseUrl, Integer maxConcurrentRequests, String apiKeyUrl,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            RequestQuota requestQuota) {

        public Plan(String id, String label, String baseUrl, Integer maxConcurrentRequests, String apiKeyUrl) {
            this(id, label, baseUrl, maxConcurrentRequests, apiKeyUrl, null);
        }
    }
}
