package dev.byok.model;

import java.time.Instant;
import java.util.Map;

/**
 * What one worker knows of one org's slot that lives only in its memory, published to Redis every
 * few seconds so that {@code GET .../byok/status} (and {@code byok show}) can tell it: calls in
 * flight here, whether the lane's partitions are paused for its backlog, the main slot's circuit
 * breaker on this worker, and the failed attempts this worker saw. Internal, not part of the
 * public contract; a report older than {@link #FRESH_FOR} belongs to a worker that is gone.
 *
 * @param worker which worker ({@code pid@host})
 * @param at when it was written
 * @param breaker {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}...; null for a fallback slot (it has none)
 * @param failures failed attempts by outcome since the worker started
 * @param lastFailure the outcome of the latest failed attempt, null if none
 * @param lastFailureAt when that failure was seen, to within one report interval
 */
public record WorkerSlotReport(String worker, Instant at, int inFlight, boolean paused, String breaker,
        Map<String, Long> failures, String lastFailure, Instant lastFailureAt) {

    /** How often workers write their reports. */
    public static final java.time.Duration INTERVAL = java.time.Duration.ofSeconds(5);
    /** Reports older than this are ignored: their worker has stopped writing. */
    public static final java.time.Duration FRESH_FOR = INTERVAL.multipliedBy(4);

    /** The Redis hash of the slot's reports, one field per worker. */
    public static String redisKey(String prefix, String orgId, Slot slot) {
        return prefix + "status:{" + orgId + "}:" + slot.wire();
    }
}
