package dev.byok.worker.engine;

import java.time.Duration;

/**
 * Whether an event may wake the poll thread out of {@code consumer.poll} now, and how long that poll
 * may wait. Pure, given the count of failed rebalances the consumer reports and the time.
 *
 * <p>Waking the poll thread makes a granted permit or a finished call start the next review at once.
 * But a wakeup that lands while Kafka's classic consumer is in the middle of a rebalance fails that
 * rebalance, and the consumer has to start it over. With a handful of partitions a rebalance takes
 * milliseconds and that never matters; at 16,000 partitions it takes seconds, events arrive faster
 * than that, and the scale benchmark saw one worker rejoin for minutes without ever finishing (every
 * commit meanwhile refused for a stale generation). So once the consumer reports a failed rebalance,
 * events stop waking it for {@link #QUIET}: the poll waits at most {@link #SHORT_POLL} instead, which
 * bounds the delay an event sees, and the next rebalance can finish.
 */
final class WakeupPolicy {

    /** How long after a failed rebalance events do not wake the consumer. */
    static final Duration QUIET = Duration.ofSeconds(30);
    /** The longest poll while events do not wake the consumer: an event waits at most this long. */
    static final Duration SHORT_POLL = Duration.ofMillis(5);

    private double failedRebalancesSeen;
    private volatile long quietUntilMillis = Long.MIN_VALUE;

    /** On the poll thread: the consumer's count of failed rebalances now; true when a quiet period starts. */
    boolean observe(double failedRebalances, long nowMillis) {
        if (failedRebalances <= failedRebalancesSeen) {
            return false;
        }
        failedRebalancesSeen = failedRebalances;
        boolean wasQuiet = !mayWake(nowMillis);
        quietUntilMillis = nowMillis + QUIET.toMillis();
        return !wasQuiet;
    }

    /** From any thread: whether an event that arrives now may wake the poll thread. */
    boolean mayWake(long nowMillis) {
        return nowMillis >= quietUntilMillis;
    }

    /** How long the next poll may wait, given how long the engine would like it to. */
    Duration pollTimeout(Duration wanted, long nowMillis) {
        return mayWake(nowMillis) || wanted.compareTo(SHORT_POLL) <= 0 ? wanted : SHORT_POLL;
    }
}
