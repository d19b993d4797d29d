package dev.byok.provider.bedrock.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Optional;

/**
 * Bedrock's error bodies ({@code {"message": ...}}, the exception name in {@code __type} or the
 * {@code x-amzn-ErrorType} header), on top of the status table: {@code ThrottlingException} and
 * {@code ServiceQuotaExceededException} are rate limits; {@code ModelNotReadyException} and a 424
 * {@code ModelErrorException} are the model's trouble, retried like a 5xx; {@code ModelTimeoutException}
 * is a timeout; a 400 about the model identifier, or a 404, is a wrong model; an invalid security
 * token or signature (400/403) is a bad credential.
 */
final class BedrockErrorRules implements ErrorBodyRules {

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.is("ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException")) {
            return Optional.of(AttemptOutcome.RATE_LIMITED);
        }
        if (body.is("ModelNotReadyException", "ModelErrorException", "ServiceUnavailableException",
                "InternalServerException") || status == 424) {
            return Optional.of(AttemptOutcome.SERVER_ERROR);
        }
        if (body.is("ModelTimeoutException")) {
            return Optional.of(AttemptOutcome.TIMEOUT);
        }
        if (body.is("UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException",
                "ExpiredTokenException") || body.says("security token included in the request is invalid")) {
            return Optional.of(AttemptOutcome.AUTH_FAILED);
        }
        if (body.is("ResourceNotFoundException") || body.says("model identifier is invalid")) {
            return Optional.of(AttemptOutcome.MODEL_NOT_FOUND);
        }
        return Optional.empty();
    }
}
