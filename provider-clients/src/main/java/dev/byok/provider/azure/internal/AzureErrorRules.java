package dev.byok.provider.azure.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * Azure OpenAI's error bodies, on top of the one status table: a missing deployment is a 404
 * {@code DeploymentNotFound} (the model is wrong, not the URL); content filtering is a 400
 * {@code content_filter}; a 429 whose message says the quota is exhausted will not clear by waiting;
 * a 401/403 about the subscription key or the network rules is an auth failure (the table's default).
 */
final class AzureErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.is("DeploymentNotFound", "model_not_found")) {
            return Optional.of(AttemptOutcome.MODEL_NOT_FOUND);
        }
        if (body.is("content_filter", "ResponsibleAIPolicyViolation")) {
            return Optional.of(AttemptOutcome.CONTENT_FILTERED);
        }
        if (body.is("insufficient_quota") || status == 429 && body.says("quota exceeded")
                && body.says("billing")) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED);
        }
        return Optional.empty();
    }
}
