package dev.byok.worker.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The reviews of one (org, slot) on this worker: queued, waiting for a permit, or running. Its
 * partitions take turns: the consumer hands over one partition's records in runs of up to
 * {@code max.poll.records}, and serving them in that order would keep every other partition of the
 * org waiting for the whole run.
 */
final class Lane {

    /** The turn a review put back keeps: before any partition's last one. */
    private static final long FIRST_TURN = -1;

    /** Permit requests a capped lane keeps waiting beyond its cap (see {@link #wantedPermits}). */
    static final int WAITING_AHEAD = 1;

    private final LaneKey key;
    private final Deque<QueuedReview> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int acquiring;
    private int running;
    private long retryNotBeforeMillis;
    private final Map<TopicPartition, Integer> queuedPerPartition = new HashMap<>();
    /** When each partition was last served, counted in reviews handed out; a partition not yet served goes first. */
    private final Map<TopicPartition, Long> lastTurn = new HashMap<>();
    private long turns;

    Lane(LaneKey key) {
        this.key = key;
    }

    LaneKey key() {
        return key;
    }

    void enqueue(QueuedReview review) {
        queue.addLast(review);
        added(review);
    }

    /** Puts a review back at the head of the queue: it keeps its turn. */
    void requeueFirst(QueuedReview review) {
        queue.addFirst(review);
        added(review);
        lastTurn.put(review.partition(), FIRST_TURN);
    }

    /**
     * The review that may run now, or null: the oldest ready one of the partition whose turn it is,
     * that is the one served longest ago (a partition never served here first).
     */
    QueuedReview pollReady(long nowMillis) {
        QueuedReview chosen = null;
        long chosenTurn = Long.MAX_VALUE;
        Set<TopicPartition> seen = new HashSet<>();
        for (QueuedReview review : queue) {
            if (!review.isReady(nowMillis) || !seen.add(review.partition())) {
                continue; // not ready, or not its partition's oldest ready review
            }
            long turn = lastTurn.getOrDefault(review.partition(), FIRST_TURN);
            if (turn < chosenTurn) {
                chosen = review;
                chosenTurn = turn;
            }
        }
        if (chosen != null) {
            queue.removeFirstOccurrence(chosen);
            removed(chosen);
            lastTurn.put(chosen.partition(), turns++);
        }
        return chosen;
    }

    private void added(QueuedReview review) {
        queuedBytes += review.bytes();
        queuedPerPartition.merge(review.partition(), 1, Integer::sum);
    }

    private void removed(QueuedReview review) {
        queuedBytes -= review.bytes();
        queuedPerPartition.computeIfPresent(review.partition(), (tp, n) -> n > 1 ? n - 1 : null);
    }

    /** When the next waiting review becomes ready (epoch ms), or Long.MAX_VALUE if none waits. */
    long nextReadyAtMillis(long nowMillis) {
        long next = Long.MAX_VALUE;
        for (QueuedReview review : queue) {
            if (!review.isReady(nowMillis)) {
                next = Math.min(next, review.readyAtMillis());
            }
        }
        return next;
    }

    /** Drops the queued reviews of a partition this worker no longer owns. */
    void dropPartition(TopicPartition partition) {
        queue.removeIf(review -> {
            boolean drop = review.partition().equals(partition);
            if (drop) {
                removed(review);
            }
            return drop;
        });
        lastTurn.remove(partition);
    }

    int queued() {
        return queue.size();
    }

    /** Reviews of this partition queued here. */
    int queued(TopicPartition partition) {
        return queuedPerPartition.getOrDefault(partition, 0);
    }

    long queuedBytes() {
        return queuedBytes;
    }

    int acquiring() {
        return acquiring;
    }

    int running() {
        return running;
    }

    /**
     * How many more permits this lane should ask for now, given its cap (null: no shared cap).
     *
     * <p>With a cap, one request more than the cap leaves room for: while every permit is in use it
     * waits in Redis, and when any worker releases one it is woken at once (Redisson's pub/sub) and
     * takes it, instead of being asked for only after this poll thread learns that a call ended.
     */
    int wantedPermits(Integer cap, long nowMillis) {
        if (nowMillis < retryNotBeforeMillis) {
            return 0;
        }
        int ready = 0;
        for (QueuedReview review : queue) {
            if (review.isReady(nowMillis)) {
                ready++;
            }
        }
        int uncovered = ready - acquiring;
        if (cap == null) {
            return Math.max(0, uncovered);
        }
        return Math.max(0, Math.min(uncovered, cap + WAITING_AHEAD - running - acquiring));
    }

    void acquireStarted() {
        acquiring++;
    }

    void acquireEnded() {
        acquiring--;
    }

    void taskStarted() {
        running++;
    }

    void taskEnded() {
        running--;
    }

    /** After a permit store failure, wait before asking again instead of hammering it. */
    void backOffUntil(long millis) {
        retryNotBeforeMillis = millis;
    }

    boolean isIdle() {
        return queue.isEmpty() && acquiring == 0 && running == 0;
    }
}
