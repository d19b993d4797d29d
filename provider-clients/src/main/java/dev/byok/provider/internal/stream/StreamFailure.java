package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;

/** A stream that cannot become an answer: malformed, too large, or an error event from the provider. */
public final class StreamFailure extends Exception {

    private final AttemptOutcome outcome;

    public StreamFailure(AttemptOutcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }
}
