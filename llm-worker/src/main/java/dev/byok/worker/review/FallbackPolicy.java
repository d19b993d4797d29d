package dev.byok.worker.review;

import dev.byok.model.AttemptOutcome;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which failed attempts of the main slot send a review to the fallback slot (README, "Fallback
 * table"). The question is only ever "could the fallback, another model on another account, serve
 * this review where main did not?". For throttling, outages, timeouts, network trouble, a key that
 * was refused, an account out of credit, a model that vanished, and a request main could not take
 * (its context may be smaller), the answer is yes. A content filter is a provider's safety decision
 * about this review, and routing around it is not ours to decide, so it fails the review.
 */
public final class FallbackPolicy {

    private static final Set<AttemptOutcome> SENDS_TO_FALLBACK = EnumSet.of(
            AttemptOutcome.RATE_LIMITED, AttemptOutcome.SERVER_ERROR, AttemptOutcome.TIMEOUT, AttemptOutcome.NETWORK,
            AttemptOutcome.AUTH_FAILED, AttemptOutcome.PAYMENT_REQUIRED, AttemptOutcome.MODEL_NOT_FOUND,
            AttemptOutcome.INVALID_REQUEST);

    private FallbackPolicy() {
    }

    public static boolean sendsToFallback(AttemptOutcome outcome) {
        return SENDS_TO_FALLBACK.contains(outcome);
    }
}
