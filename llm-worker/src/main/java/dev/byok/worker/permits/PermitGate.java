package dev.byok.worker.permits;

import java.time.Duration;
import java.util.Optional;

/**
 * Hands out permits for provider calls. Blocking by design: the engine calls it from virtual
 * threads, never from its poll loop.
 */
public interface PermitGate {

    /**
     * Waits up to {@code wait} for a permit of {@code key}.
     *
     * @param cap the slot's maxConcurrentRequests, or null for no shared cap
     * @param configVersion the org config version the cap comes from; a cap from an older version
     *     never overrides one from a newer version
     * @return empty if no permit became free in time
     */
    Optional<Permit> tryAcquire(PermitKey key, Integer cap, long configVersion, Duration wait);
}
