package dev.byok.model;

/** How one call to a provider ended (CONTRACTS §3.2). */
public enum AttemptOutcome {
    SUCCESS,
    RATE_LIMITED,
    SERVER_ERROR,
    /** A streamed answer ended (or broke off) without its final event: treated like a 5xx, never a success. */
    TRUNCATED,
    TIMEOUT,
    NETWORK,
    AUTH_FAILED,
    PAYMENT_REQUIRED,
    MODEL_NOT_FOUND,
    INVALID_REQUEST,
    CONTENT_FILTERED
}
