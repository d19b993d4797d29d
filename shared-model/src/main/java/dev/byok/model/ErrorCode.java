package dev.byok.model;

/** Why a review FAILED, by what the requester should do about it (CONTRACTS §3.2). */
public enum ErrorCode {
    BYOK_NOT_CONFIGURED,
    INVALID_REQUEST,
    MAIN_FAILED_NO_FALLBACK,
    FALLBACK_FAILED,
    NON_RETRYABLE,
    DEADLINE_EXCEEDED,
    /** The org's budget has no room for the review; the message says which limit and when it resets. */
    BUDGET_EXCEEDED
}
