package dev.byok.worker.review;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a provider call may take under a permit: the request timeout, unless less of the
 * permit's lease is left, always leaving {@link #RELEASE_ALLOWANCE} for the cancelled call to
 * return and its permit to be released before the lease ends. Pure.
 */
public final class CallDeadline {

    /** Time kept back at the end of a lease for a call stopped at its deadline to give its permit back. */
    public static final Duration RELEASE_ALLOWANCE = Duration.ofSeconds(1);

    private CallDeadline() {
    }

    /** @return the call's deadline, or empty when the lease leaves no time for a call */
    public static Optional<Duration> of(Duration requestTimeout, Instant leaseEnds, Instant now) {
        Duration left = leaseEnds.equals(Instant.MAX) ? requestTimeout
                : Duration.between(now, leaseEnds).minus(RELEASE_ALLOWANCE);
        Duration deadline = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        return deadline.isNegative() || deadline.isZero() ? Optional.empty() : Optional.of(deadline);
    }
}
