package dev.byok.provider.openai.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * OpenAI's quirks (providers.md §1.5): a 429 {@code insufficient_quota} is an empty account, not a
 * rate limit; a 429 "Request too large" is a request that can never fit the TPM limit, so waiting
 * will not help; content-policy codes are content filtering.
 */
final class OpenAiErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.is("insufficient_quota", "billing_hard_limit_reached", "billing_not_active")) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED);
        }
        if (status == 429 && body.says("request too large")) {
            return Optional.of(AttemptOutcome.INVALID_REQUEST);
        }
        if (body.is("content_filter", "content_policy_violation")) {
            return Optional.of(AttemptOutcome.CONTENT_FILTERED);
        }
        return Optional.empty();
    }
}
