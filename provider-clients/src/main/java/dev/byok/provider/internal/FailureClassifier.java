package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.ProviderResult;
import java.time.Duration;
import java.util.Map;

/**
 * Maps an HTTP error answer to an attempt outcome: one status table for every provider, applied
 * after the provider's own reading of its error body ({@link ErrorBodyRules}) had its say. What
 * an outcome means for the review (retry later, fall back, fail) is decided by the worker, not here.
 */
public final class FailureClassifier {

    private static final Map<Integer, AttemptOutcome> BY_STATUS = Map.of(
            400, AttemptOutcome.INVALID_REQUEST,
            401, AttemptOutcome.AUTH_FAILED,
            402, AttemptOutcome.PAYMENT_REQUIRED,
            403, AttemptOutcome.AUTH_FAILED,
            404, AttemptOutcome.MODEL_NOT_FOUND,
            408, AttemptOutcome.TIMEOUT,
            409, AttemptOutcome.SERVER_ERROR,
            429, AttemptOutcome.RATE_LIMITED);

    private final ErrorBodyRules bodyRules;
    private final RetryHints retryHints;

    public FailureClassifier(ErrorBodyRules bodyRules, RetryHints retryHints) {
        this.bodyRules = bodyRules;
        this.retryHints = retryHints;
    }

    /** @param apiKey the key of the call: scrubbed from the body before any of it is kept */
    public ProviderResult.Failure classify(RawResponse response, String apiKey) {
        ErrorBody body = ErrorBody.parse(response.body(), apiKey);
        AttemptOutcome outcome = outcome(response.status(), body);
        String detail = "HTTP " + response.status() + (body.summary().isEmpty() ? "" : " " + body.summary());
        return new ProviderResult.Failure(outcome, response.status(), retryAfter(response, body), detail);
    }

    /** The outcome of an error status and body, without retry hints (also used by the probe). */
    public AttemptOutcome outcome(int status, ErrorBody body) {
        return bodyRules.outcomeFor(status, body).orElseGet(() -> byStatus(status));
    }

    /** {@code retry-after-ms}, then Google's RetryInfo in the body, then {@code retry-after}. */
    private Duration retryAfter(RawResponse response, ErrorBody body) {
        Duration millis = retryHints.millisFrom(response.headers());
        if (millis != null) {
            return millis;
        }
        Duration fromBody = RetryHints.protoDuration(body.retryDelay());
        return fromBody != null ? fromBody : retryHints.from(response.headers());
    }

    static AttemptOutcome byStatus(int status) {
        AttemptOutcome known = BY_STATUS.get(status);
        if (known != null) {
            return known;
        }
        return status >= 500 ? AttemptOutcome.SERVER_ERROR : AttemptOutcome.INVALID_REQUEST;
    }
}
