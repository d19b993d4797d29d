package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;

/** The call never got an HTTP answer: it timed out or the connection failed. */
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
