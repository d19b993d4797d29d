package dev.byok.model;

/** How one call to a provider ended (CONTRACTS §3.2). */
public enum AttemptOutcome {
    SUCCESS,
    RATE_LIMITED,
    SERVER_ERROR,
    TIMEOUT,
    NETWORK,
    AUTH_FAILED,
    PAYMENT_REQUIRED,
    MODEL_NOT_FOUND,
    INVALID_REQUEST,
    CONTENT_FILTERED
}
