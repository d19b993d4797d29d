package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.EgressGuard;

/**
 * The call did not end with an answer that could be read: it missed its deadline, the connection
 * failed, the egress guard refused the host, or the answer was larger than the transport reads.
 */
public final class TransportFailure extends Exception {

    private final AttemptOutcome outcome;
    private final transient EgressGuard.EgressDecision egress;

    public TransportFailure(AttemptOutcome outcome, String message, Throwable cause) {
        this(outcome, message, cause, null);
    }

    public TransportFailure(AttemptOutcome outcome, String message, Throwable cause, EgressGuard.EgressDecision egress) {
        super(message, cause, false, false);
        this.outcome = outcome;
        this.egress = egress;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }

    /** The guard's verdict when it kept the call from connecting at all; null otherwise. */
    public EgressGuard.EgressDecision egress() {
        return egress;
    }
}
