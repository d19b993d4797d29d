package dev.byok.worker.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.TopicPartition;

/** The reviews of one (org, slot) on this worker: queued, waiting for a permit, or running. */
final class Lane {

    private final LaneKey key;
    private final Deque<QueuedReview> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int acquiring;
    private int running;
    private long retryNotBeforeNanos;

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

    QueuedReview poll() {
        QueuedReview next = queue.pollFirst();
        if (next != null) {
            queuedBytes -= next.bytes();
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

    /** How many more permits this lane could use now, given its cap (null: no shared cap). */
    int wantedPermits(Integer cap, long nowNanos) {
        if (nowNanos < retryNotBeforeNanos) {
            return 0;
        }
        int uncovered = queue.size() - acquiring;
        if (cap == null) {
            return Math.max(0, uncovered);
        }
        return Math.max(0, Math.min(uncovered, cap - running - acquiring));
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
    void backOffUntil(long nanos) {
        retryNotBeforeNanos = nanos;
    }

    boolean isIdle() {
        return queue.isEmpty() && acquiring == 0 && running == 0;
    }
}
