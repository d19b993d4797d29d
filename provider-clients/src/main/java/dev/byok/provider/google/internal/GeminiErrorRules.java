package dev.byok.provider.google.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * Gemini's quirks (providers.md §3.4-3.5): a bad key is a 400 whose ErrorInfo reason is
 * {@code API_KEY_INVALID}; a 429 {@code RESOURCE_EXHAUSTED} on a per-day quota will not clear
 * before tomorrow (so it is an empty quota, not a rate limit); 503 {@code UNAVAILABLE} is overload;
 * a region without a free tier asks to enable billing.
 */
final class GeminiErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.is("API_KEY_INVALID", "UNAUTHENTICATED", "PERMISSION_DENIED")) {
            return Optional.of(AttemptOutcome.AUTH_FAILED);
        }
        if (body.is("RESOURCE_EXHAUSTED") || status == 429) {
            boolean daily = body.quotaIds().stream().anyMatch(id -> id.contains("PerDay"));
            return Optional.of(daily ? AttemptOutcome.PAYMENT_REQUIRED : AttemptOutcome.RATE_LIMITED);
        }
        if (body.is("UNAVAILABLE", "INTERNAL")) {
            return Optional.of(AttemptOutcome.SERVER_ERROR);
        }
        if (body.says("enable billing")) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED);
        }
        return Optional.empty();
    }
}
