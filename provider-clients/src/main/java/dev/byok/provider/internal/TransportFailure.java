package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;

/**
 * The call did not end with an answer that could be read: it missed its deadline, the connection
 * failed, or the answer was larger than the transport reads.
 */
public final class TransportFailure extends Exception {

    private final AttemptOutcome outcome;

    public TransportFailure(AttemptOutcome outcome, String message, Throwable cause) {
        super(message, cause, false, false);
        this.outcome = outcome;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }
}
