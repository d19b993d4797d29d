package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one result of a review on {@code byok.reviews.results}, keyed by reviewId (CONTRACTS §3.2).
 * {@code content} is present only when COMPLETED; {@code usage} counts only the attempt that served
 * the review, while {@code attempts} lists every call made.
 */
public record ReviewOutcome(
        int schemaVersion,
        String reviewId,
        String orgId,
        ReviewStatus status,
        Slot servedBy,
        ProviderId provider,
        String model,
        @JsonInclude(JsonInclude.Include.NON_NULL) String content,
        FinishReason finishReason,
        Usage usage,
        List<Attempt> attempts,
        OutcomeError error,
        Map<String, Object> metadata,
        Instant completedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ReviewOutcome {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static ReviewOutcome failed(String reviewId, String orgId, ErrorCode code, String message,
            List<Attempt> attempts, Map<String, Object> metadata, Instant completedAt) {
        return new ReviewOutcome(SCHEMA_VERSION, reviewId, orgId, ReviewStatus.FAILED, null, null, null, null,
                null, null, attempts, new OutcomeError(code, message), metadata, completedAt);
    }
}
