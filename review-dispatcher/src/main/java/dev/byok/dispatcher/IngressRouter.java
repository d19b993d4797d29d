package dev.byok.dispatcher;

import dev.byok.model.ErrorCode;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Slot;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides where one ingress record goes. Pure: the config lookup is a function, the clock is
 * injected, and the answer says what to publish, not how.
 */
final class IngressRouter {

    private final RequestReader reader;
    private final Clock clock;

    IngressRouter(RequestReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    sealed interface Route permits Forward, Rekey, Fail, DeadLetter {
    }

    /**
     * Back to the ingress topic, on the org's own partition: the request was read from another one
     * (its producer did not key it by orgId). Only the dispatcher reading the org's partition writes
     * to the org's tenant topics, which is what lets it remove them safely (TopicRetirement).
     */
    record Rekey(String orgId, String reviewId, int partition) implements Route {
    }

    /** To the tenant topic of {@code slot}: main when the org has one, else straight to its fallback. */
    record Forward(String orgId, String reviewId, Slot slot) implements Route {
    }

    /** Answer at once with this outcome. */
    record Fail(ReviewOutcome outcome) implements Route {
    }

    /** Park the bytes with the reason; also answer with {@code outcome} when the ids could be read. */
    record DeadLetter(String reason, Optional<ReviewOutcome> outcome) implements Route {
    }

    /** The requests of a batch, read, so the caller can look up all their orgs before routing. */
    RequestReader.Result read(byte[] value) {
        return reader.read(value);
    }

    Route route(RequestReader.Result read, Function<String, Optional<OrgConfigChanged>> configOf) {
        return switch (read) {
            case RequestReader.Valid valid -> forwardOrFail(valid, configOf);
            // Whatever breaks the schema is parked for the operator, and answered when it can be.
            case RequestReader.Rejected rejected -> deadLetter(rejected.reviewId(), rejected.orgId(), rejected.reason());
            case RequestReader.Unreadable unreadable -> deadLetter(unreadable.reviewId(), unreadable.orgId(),
                    unreadable.reason());
            // A review that is too large follows the schema: nothing to repair, so an answer, no dead letter.
            case RequestReader.TooLarge tooLarge -> tooLarge.reviewId() == null || tooLarge.orgId() == null
                    ? new DeadLetter(tooLarge.reason(), Optional.empty())
                    : new Fail(invalid(tooLarge.reviewId(), tooLarge.orgId(), tooLarge.reason()));
        };
    }

    /**
     * A forward read from a partition that is not the org's own becomes a {@link Rekey}; every other
     * route stays as it is (answers and dead letters do not touch the tenant topics).
     *
     * @param readFrom the ingress partition the request was read from
     * @param ingressPartitions how many partitions the ingress topic has
     */
    Route ownedBy(Route route, int readFrom, int ingressPartitions) {
        if (route instanceof Forward forward) {
            int own = dev.byok.dispatcher.topics.IngressOwnership.partitionOf(forward.orgId(), ingressPartitions);
            if (own != readFrom) {
                return new Rekey(forward.orgId(), forward.reviewId(), own);
            }
        }
        return route;
    }

    private Route forwardOrFail(RequestReader.Valid request, Function<String, Optional<OrgConfigChanged>> configOf) {
        Optional<OrgConfigChanged> config = configOf.apply(request.orgId());
        if (config.isPresent() && config.get().main() != null) {
            return new Forward(request.orgId(), request.reviewId(), Slot.MAIN);
        }
        if (config.isPresent() && config.get().fallback() != null) {
            return new Forward(request.orgId(), request.reviewId(), Slot.FALLBACK);
        }
        return new Fail(ReviewOutcome.failed(request.reviewId(), request.orgId(), ErrorCode.BYOK_NOT_CONFIGURED,
                "Org " + request.orgId() + " has no BYOK config. Save a main slot (PUT /api/v1/orgs/"
                        + request.orgId() + "/byok/main) and request the review again.",
                List.of(), request.metadata(), clock.instant()));
    }

    private DeadLetter deadLetter(String reviewId, String orgId, String reason) {
        return new DeadLetter(reason, reviewId == null || orgId == null ? Optional.empty()
                : Optional.of(invalid(reviewId, orgId, reason)));
    }

    private ReviewOutcome invalid(String reviewId, String orgId, String reason) {
        return ReviewOutcome.failed(reviewId, orgId, ErrorCode.INVALID_REQUEST, "The review request is invalid: " + reason,
                List.of(), null, clock.instant());
    }
}
