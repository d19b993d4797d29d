package dev.byok.worker.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters the engine keeps for metrics and tests; safe to read from any thread. */
public final class EngineStats {

    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger pausedPartitions = new AtomicInteger();
    final AtomicInteger queued = new AtomicInteger();
    final LongAdder published = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder skippedAsDone = new LongAdder();
    final LongAdder repausedOnAssignment = new LongAdder();

    /** Provider calls running now on this worker. */
    public int running() {
        return running.get();
    }

    public int pausedPartitions() {
        return pausedPartitions.get();
    }

    /** Reviews polled and queued in lanes, waiting for a permit (as of the poll loop's last look). */
    public int queued() {
        return queued.get();
    }

    /** Reviews whose result was committed by this worker. */
    public long published() {
        return published.sum();
    }

    /** Calls whose partition moved away while they ran: their reviews are served again elsewhere. */
    public long abandoned() {
        return abandoned.sum();
    }

    /** Partitions paused as soon as they were assigned: the worker drains, or their lane here is over its bytes. */
    public long repausedOnAssignment() {
        return repausedOnAssignment.sum();
    }

    /** Records skipped after a restart because their result had already been committed. */
    public long skippedAsDone() {
        return skippedAsDone.sum();
    }
}
