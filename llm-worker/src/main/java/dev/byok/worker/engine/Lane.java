package dev.byok.worker.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.apache.kafka.common.TopicPartition;

/** The reviews of one (org, slot) on this worker: queued, waiting for a permit, or running. */
final class Lane {

    /** Permit requests a capped lane keeps waiting beyond its cap (see {@link #wantedPermits}). */
    static final int WAITING_AHEAD = 1;

    private final LaneKey key;
    private final Deque<QueuedReview> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int acquiring;
    private int running;
    private long retryNotBeforeMillis;

    Lane(LaneKey key) {
        this.key = key;
    }

    LaneKey key() {
        return key;
    }

    void enqueue(QueuedReview review) {
        queue.addLast(review);
        queuedBytes += review.bytes();
    }

    /** Puts a review back at the head of the queue: it keeps its turn. */
    void requeueFirst(QueuedReview review) {
        queue.addFirst(review);
        queuedBytes += review.bytes();
    }

    /** The oldest review that may run now, or null. */
    QueuedReview pollReady(long nowMillis) {
        Iterator<QueuedReview> it = queue.iterator();
        while (it.hasNext()) {
            QueuedReview review = it.next();
            if (review.isReady(nowMillis)) {
                it.remove();
                queuedBytes -= review.bytes();
                return review;
            }
        }
        return null;
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
                queuedBytes -= review.bytes();
            }
            return drop;
        });
    }

    int queued() {
        return queue.size();
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
