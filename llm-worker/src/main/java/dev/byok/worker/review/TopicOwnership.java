package dev.byok.worker.review;

import dev.byok.model.Identifiers;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Topics;
import java.util.Optional;

/**
 * Whether a review read from a tenant topic may be served there. Anything that can write to a
 * tenant topic could otherwise name another org in the record and have the review served with
 * that org's key: a record is served only on its own org's topics, and only with the ids of
 * CONTRACTS §1. Pure.
 */
final class TopicOwnership {

    private TopicOwnership() {
    }

    sealed interface Verdict permits Owned, Unusable, OtherOrg {
    }

    /** The record belongs to the topic it was read from. */
    record Owned() implements Verdict {
    }

    /** The ids cannot key an outcome: the record goes to the dead-letter topic. */
    record Unusable(String reason) implements Verdict {
    }

    /** Valid ids, but another org's: the review fails as an invalid request, and nothing is called. */
    record OtherOrg(String message) implements Verdict {
    }

    static Verdict of(String topic, ReviewRequested request) {
        if (!Identifiers.isValidReviewId(request.reviewId())) {
            return new Unusable("the review's reviewId is not 1 to 128 characters of letters, digits and . _ : -");
        }
        if (!Identifiers.isValidOrgId(request.orgId())) {
            return new Unusable("the review's orgId is not 1 to 64 characters of letters, digits and -");
        }
        Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(topic);
        if (tenant.isEmpty()) {
            return new Unusable("the record was not read from a tenant topic");
        }
        if (!tenant.get().orgId().equals(request.orgId())) {
            return new OtherOrg("The review request names org " + request.orgId() + " but was read from a topic of org "
                    + tenant.get().orgId() + ", so it was not served. Request reviews on " + Topics.REVIEWS_REQUESTED
                    + "; tenant topics are written by the services only.");
        }
        return new Owned();
    }
}
