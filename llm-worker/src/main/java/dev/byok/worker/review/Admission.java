package dev.byok.worker.review;

import dev.byok.model.Attempt;
import dev.byok.model.ErrorCode;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a review may make its call, decided from what is known before it: which topic it was
 * read from, whether its record owns the reviewId, the org's config, the cap the permit was taken
 * under, and main's cooldown. Pure: {@link ReviewTask} gathers the facts and acts on the decision.
 * The breaker is the one fact with a side effect (taking a half-open probe), so the decision says
 * whether it decides, and the task asks it.
 */
final class Admission {

    private Admission() {
    }

    /**
     * @param duplicate another record owns the reviewId
     * @param config the org's config, empty when it has none any more
     * @param coolingUntil main's cooldown, null when it is not cooling down
     */
    record Facts(TopicOwnership.Verdict ownership, boolean duplicate, Optional<OrgConfigChanged> config, Slot slot,
            Integer permitCap, Instant coolingUntil) {
    }

    sealed interface Decision permits DeadLetter, Answer, AskAgain, Call {
    }

    /** Not a review that can be answered (or a second request for one): to the dead-letter topic. */
    record DeadLetter(String reason) implements Decision {
    }

    /** No call: what follows for the review instead. */
    record Answer(ReviewDecision.Next next) implements Decision {
    }

    /** The permit was counted against a cap that has changed since: no call with it, ask again. */
    record AskAgain() implements Decision {
    }

    /** Call; when {@code breakerDecides}, only if main's breaker lets it (else to the fallback). */
    record Call(boolean breakerDecides) implements Decision {
    }

    static Decision decide(Facts facts, ReviewRequested request, List<Attempt> prior, RetryPolicy retries,
            Instant now) {
        switch (facts.ownership()) {
            case TopicOwnership.Unusable unusable -> {
                return new DeadLetter(unusable.reason());
            }
            case TopicOwnership.OtherOrg otherOrg -> {
                return new Answer(ReviewDecision.fail(request, ErrorCode.INVALID_REQUEST, otherOrg.message(), prior, now));
            }
            case TopicOwnership.Owned owned -> {
                // decided below
            }
        }
        if (facts.duplicate()) {
            return new DeadLetter("duplicate request: review " + request.reviewId()
                    + " was already requested; its outcome is published once");
        }
        if (facts.config().isEmpty()) {
            return new Answer(ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org " + request.orgId()
                    + " has no BYOK config any more; it was removed after the review was requested.", prior, now));
        }
        OrgConfigChanged config = facts.config().get();
        Slot slot = facts.slot();
        StoredSlot stored = config.slot(slot);
        boolean hasFallback = config.fallback() != null;
        if (stored == null) {
            return new Answer(slotMissing(request, slot, hasFallback, prior, now));
        }
        if (!Objects.equals(stored.settings().maxConcurrentRequests(), facts.permitCap())) {
            return new AskAgain();
        }
        if (slot != Slot.MAIN) {
            return new Call(false);
        }
        if (facts.coolingUntil() != null) {
            return new Answer(ReviewDecision.mainCoolingDown(request, prior, hasFallback, facts.coolingUntil(), retries,
                    now));
        }
        return new Call(hasFallback);
    }

    private static ReviewDecision.Next slotMissing(ReviewRequested request, Slot slot, boolean hasFallback,
            List<Attempt> prior, Instant now) {
        if (slot == Slot.MAIN && hasFallback) {
            return new ReviewDecision.ToFallback(prior);
        }
        if (slot == Slot.MAIN) {
            return ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org " + request.orgId()
                    + " has no main slot any more; it was removed after the review was requested.", prior, now);
        }
        return ReviewDecision.fail(request, ErrorCode.MAIN_FAILED_NO_FALLBACK, "The main slot failed and the "
                + "fallback slot was removed before it could take over.", prior, now);
    }
}
