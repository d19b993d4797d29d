package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;

/**
 * What each way a provider call can end means for the review, in one table (README, "Fallback
 * table"): whether a failed main attempt sends the review to the fallback slot, whether (without a
 * fallback) main is worth trying again later, and whether it counts against main's circuit breaker.
 *
 * <p>The question behind "fallback" is only ever "could the fallback, another model on another
 * account, serve this review where main did not?". For throttling, outages, timeouts, network
 * trouble, a stream cut before its end, a key that was refused, an account out of credit, a model that vanished, and a request
 * main could not take (its context may be smaller), the answer is yes. A content filter is a
 * provider's safety decision about this review, and routing around it is not ours to decide. Only
 * what clears by waiting is retried; the breaker counts what says main itself is unwell, not what
 * says this one request was bad. The switch has no default: a new outcome does not compile until
 * it has a row.
 */
public record OutcomePolicy(boolean toFallback, boolean retryLater, boolean breakerFailure) {

    public static OutcomePolicy of(AttemptOutcome outcome) {
        return switch (outcome) {
            case SUCCESS -> new OutcomePolicy(false, false, false);
            case RATE_LIMITED, SERVER_ERROR, TRUNCATED, TIMEOUT, NETWORK -> new OutcomePolicy(true, true, true);
            case AUTH_FAILED, PAYMENT_REQUIRED, MODEL_NOT_FOUND -> new OutcomePolicy(true, false, true);
            case INVALID_REQUEST -> new OutcomePolicy(true, false, false);
            case CONTENT_FILTERED -> new OutcomePolicy(false, false, false);
        };
    }
}
