package dev.byok.worker.engine;

import java.time.Duration;

/**
 * How much one worker takes on.
 *
 * @param maxInFlight calls in flight plus permits being asked for, on this worker, over all orgs
 * @param permitWait how long one permit request may wait before the lane's turn comes round again
 * @param pauseAtQueued a lane with this many reviews queued pauses its partitions (resumes at half)
 * @param pauseAtQueuedBytes the same, in bytes of review JSON, so a few 8 MiB reviews pause too
 * @param maxOpenSpan the most offsets between a partition's oldest open record and its newest one
 * @param shutdownGrace on close, how long calls in flight may still finish and be published
 */
public record EngineSettings(int maxInFlight, Duration permitWait, int pauseAtQueued, long pauseAtQueuedBytes,
        long maxOpenSpan, Duration shutdownGrace) {

    public EngineSettings {
        if (maxInFlight < 1 || pauseAtQueued < 2 || pauseAtQueuedBytes < 1 || maxOpenSpan < 1
                || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("engine limits must be positive (pause-at-queued at least 2)");
        }
    }
}
