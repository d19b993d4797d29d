package dev.byok.worker.permits;

import java.time.Instant;
import java.util.Optional;

/**
 * A permit's lease as the call it covers sees it. The call starts only after renewing it, so time
 * spent between taking the permit and calling (config, Redis, a KMS round trip) never eats into
 * the time the call may take.
 */
@FunctionalInterface
public interface Lease {

    /**
     * Starts the lease again from now.
     *
     * @return the earliest moment the renewed lease can end, or empty if it had already run out: the
     *     permit is gone (another call may hold it now) and must not be used for a call
     */
    Optional<Instant> renew();
}
