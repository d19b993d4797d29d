package dev.byok.worker.engine;

/**
 * When a lane's backlog pauses its partitions, and when it resumes them: at {@code pauseAtQueued}
 * reviews or {@code pauseAtQueuedBytes} bytes, and not before it has drained to half of both, so a
 * lane at the threshold does not flap. Pure.
 *
 * <p>A paused lane stops fetching from a partition once that partition has its share of the
 * threshold queued, not from all of them at once: the lane serves its partitions in turns, and a
 * partition with nothing queued here would have no turn to take. Over the byte threshold every
 * partition stops, whatever its share, because bytes are what the worker's heap holds.
 */
record PausePolicy(int pauseAtQueued, long pauseAtQueuedBytes) {

    static PausePolicy of(EngineSettings settings) {
        return new PausePolicy(settings.pauseAtQueued(), settings.pauseAtQueuedBytes());
    }

    /** Whether a lane with this backlog, paused or not now, is paused after this look. */
    boolean paused(boolean pausedNow, int queued, long queuedBytes) {
        boolean full = queued >= pauseAtQueued || queuedBytes >= pauseAtQueuedBytes;
        boolean drained = queued <= pauseAtQueued / 2 && queuedBytes <= pauseAtQueuedBytes / 2;
        return full || (pausedNow && !drained);
    }

    /**
     * Whether one partition of a paused lane stops fetching.
     *
     * @param queuedOfPartition the partition's reviews queued in the lane
     * @param partitionsOfLane the lane's partitions this worker owns
     * @param laneBytes bytes the whole lane holds
     */
    boolean partitionPaused(int queuedOfPartition, int partitionsOfLane, long laneBytes) {
        int share = Math.max(1, Math.ceilDiv(pauseAtQueued, Math.max(1, partitionsOfLane)));
        return queuedOfPartition >= share || overBytes(laneBytes);
    }

    /** Whether a lane holds so many bytes that none of its partitions may be fetched from. */
    boolean overBytes(long laneBytes) {
        return laneBytes >= pauseAtQueuedBytes;
    }
}
