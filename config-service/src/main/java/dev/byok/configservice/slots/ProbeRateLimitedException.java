package dev.byok.configservice.slots;

import java.time.Duration;

/** Too many probes for one org: probes make outbound calls on our servers, so they are limited per org. */
public final class ProbeRateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public ProbeRateLimitedException(Duration retryAfter) {
        super("too many probes", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
