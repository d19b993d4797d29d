package dev.byok.provider.google.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * Vertex AI's error bodies (Google's canonical envelope): a disabled API ({@code SERVICE_DISABLED})
 * or a missing permission is an auth failure the user fixes in the project; {@code NOT_FOUND} is a
 * model the project or region does not offer; {@code RESOURCE_EXHAUSTED} is a per-minute quota
 * (Vertex has no free daily tier), so it is a rate limit; {@code UNAVAILABLE} and {@code INTERNAL}
 * are server errors; a billing account that is closed or missing asks for payment.
 */
final class VertexErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.is("BILLING_DISABLED") || body.says("billing account")) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED);
        }
        if (body.is("SERVICE_DISABLED", "API_KEY_INVALID", "UNAUTHENTICATED", "PERMISSION_DENIED",
                "ACCESS_TOKEN_EXPIRED", "CREDENTIALS_MISSING")) {
            return Optional.of(AttemptOutcome.AUTH_FAILED);
        }
        if (body.is("NOT_FOUND") || status == 404) {
            return Optional.of(AttemptOutcome.MODEL_NOT_FOUND);
        }
        if (body.is("RESOURCE_EXHAUSTED") || status == 429) {
            return Optional.of(AttemptOutcome.RATE_LIMITED);
        }
        if (body.is("UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED")) {
            return Optional.of(AttemptOutcome.SERVER_ERROR);
        }
        return Optional.empty();
    }
}
