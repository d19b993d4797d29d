package dev.byok.provider.anthropic.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * Anthropic's quirks (providers.md §2.5): 529 {@code overloaded_error} is server load; 403
 * {@code billing_error} shares its status with permission errors but means no money; and an empty
 * prepaid balance comes back as a 400 {@code invalid_request_error} about the credit balance.
 */
final class AnthropicErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (status == 529 || body.is("overloaded_error")) {
            return Optional.of(AttemptOutcome.SERVER_ERROR);
        }
        if (body.is("billing_error") || (status == 400 && body.says("credit balance"))) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED);
        }
        return Optional.empty();
    }
}
