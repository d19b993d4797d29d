package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One call to a provider for a review. {@code retryAfterMs} carries the provider's retry hint when
 * it sent one; {@code detail} says in a few words why a failed attempt failed (never a key).
 */
public record Attempt(
        Slot slot,
        ProviderId provider,
        String model,
        AttemptOutcome outcome,
        Integer httpStatus,
        long latencyMs,
        Instant startedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfterMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
}
