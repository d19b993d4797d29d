package dev.byok.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A review to run, as it arrives on {@code byok.reviews.requested} (CONTRACTS §3.1), keyed by orgId.
 * {@code reviewId} is the idempotency key. {@code metadata} is echoed into the outcome.
 */
public record ReviewRequested(
        int schemaVersion,
        String reviewId,
        String orgId,
        List<ChatMessage> messages,
        Map<String, Object> metadata,
        Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;
}
