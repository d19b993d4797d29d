package dev.byok.worker.shared;

import dev.byok.model.Slot;
import java.time.Instant;
import java.util.Optional;

/** Facts about an org's slot that all workers share. */
public interface SharedSlotState {

    /** Until when the slot is cooling down after the provider asked us to wait, if it is. */
    Optional<Instant> coolingUntil(String orgId, Slot slot);

    /** The slot cools down until {@code until}; a later cooldown already recorded is kept. */
    void coolDown(String orgId, Slot slot, Instant until);

    /**
     * Records that attempt number {@code attempt} of the review on {@code slot} starts now.
     *
     * @return false if that very attempt was started before: the call is being repeated, which
     *     happens when a worker died (or lost its partition) while the first call ran
     */
    boolean firstStart(String orgId, String reviewId, Slot slot, int attempt);

    /**
     * Claims the review for the record {@code recordId} (topic, partition and offset of the request
     * as the dispatcher forwarded it). The reviewId is the idempotency key: the first record to
     * claim it owns it, and the same record claiming again (redelivered after a crash) still owns it.
     *
     * @return false if another record already claimed this reviewId: this one is a duplicate request
     */
    boolean claimReview(String orgId, String reviewId, String recordId);

    /**
     * What a review must know from Redis before it may call, in one round trip: whether its record
     * owns the reviewId ({@code recordId} null: a record this worker moved on, already claimed) and,
     * on main, until when main is cooling down.
     */
    ReviewChecks check(String orgId, String reviewId, String recordId, Slot slot);

    /**
     * {@link #firstStart} without waiting for Redis: the answer only counts repeated calls, so the
     * call does not wait for it.
     */
    java.util.concurrent.CompletionStage<Boolean> firstStartAsync(String orgId, String reviewId, Slot slot, int attempt);

    /** @param duplicate another record owns the reviewId; {@code coolingUntil} null when not cooling */
    record ReviewChecks(boolean duplicate, Instant coolingUntil) {
    }
}
