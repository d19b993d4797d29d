package dev.byok.simulator;

import java.util.Map;

/**
 * A snapshot of what one API key experienced, so tests can assert on client behaviour (retries,
 * respect for the concurrency cap) rather than only on results.
 *
 * @param requests every request that carried the key, on any endpoint, known key or not
 * @param succeeded requests answered with a normal 2xx (inference or metadata); 200s produced by
 *     {@link Fault.Truncated} and {@link Fault.EmptyLength} are not counted here, only in {@code
 *     byStatus}
 * @param concurrencyRejections inference requests answered 429 because the concurrency cap was full
 * @param inFlight inference requests being handled now
 * @param maxInFlight the most inference requests of this key handled at the same moment, each
 *     counted from arrival until its response starts to be written, including requests then rejected
 *     for concurrency; above the cap means a client sent more than the cap in parallel
 * @param byStatus responses by HTTP status; dropped and hung requests have no status
 */
public record KeyStats(
        long requests,
        long succeeded,
        long concurrencyRejections,
        int inFlight,
        int maxInFlight,
        Map<Integer, Long> byStatus) {

    public static final KeyStats EMPTY = new KeyStats(0, 0, 0, 0, 0, Map.of());

    public KeyStats {
        byStatus = Map.copyOf(byStatus);
    }

    /** How many responses had this HTTP status. */
    public long countOf(int status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
