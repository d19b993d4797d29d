package dev.byok.provider;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import dev.byok.model.Usage;
import java.time.Duration;

/**
 * How a call ended. Failures are values, not exceptions: a provider saying no is the expected case
 * this system exists for, and the outcome already says what the caller should do about it.
 */
public sealed interface ProviderResult {

    Integer httpStatus();

    AttemptOutcome outcome();

    /** The provider answered with a usable review. */
    record Success(String content, FinishReason finishReason, Usage usage, Integer httpStatus) implements ProviderResult {
        @Override
        public AttemptOutcome outcome() {
            return AttemptOutcome.SUCCESS;
        }
    }

    /**
     * The call did not produce a usable review. {@code retryAfter} is the provider's hint when it gave
     * one; {@code detail} says why in a few words and never contains a key.
     */
    record Failure(AttemptOutcome outcome, Integer httpStatus, Duration retryAfter, String detail) implements ProviderResult {
    }
}
