package dev.byok.model;

/** What a probe of a slot found (CONTRACTS §2.4). */
public enum ProbeCategory {
    OK,
    INVALID_KEY,
    ENDPOINT_NOT_FOUND,
    NETWORK,
    /** The key works but is throttled right now: {@code ok} is true. */
    RATE_LIMITED,
    PAYMENT_REQUIRED,
    SERVER_ERROR,
    UNKNOWN
}
