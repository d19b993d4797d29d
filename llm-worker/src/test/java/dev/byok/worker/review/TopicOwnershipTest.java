package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.ChatMessage;
import dev.byok.model.MessageRole;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicOwnershipTest {

    @Test
    void aRecordOnItsOwnOrgsTopicsIsServed() {
        assertThat(TopicOwnership.of(Topics.tenantTopic("Acme", Slot.MAIN), request("r-1", "Acme")))
                .isInstanceOf(TopicOwnership.Owned.class);
        assertThat(TopicOwnership.of(Topics.tenantTopic("Acme", Slot.FALLBACK), request("r-1", "Acme")))
                .isInstanceOf(TopicOwnership.Owned.class);
    }

    @Test
    void aRecordNamingAnotherOrgIsRefusedWithAMessageNamingBoth() {
        TopicOwnership.Verdict verdict = TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request("r-1", "globex"));

        assertThat(verdict).isInstanceOfSatisfying(TopicOwnership.OtherOrg.class, other ->
                assertThat(other.message()).contains("names org globex", "a topic of org acme", "not served",
                        Topics.REVIEWS_REQUESTED));
    }

    @Test
    void orgIdsThatDifferOnlyByCaseAreDifferentOrgs() {
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request("r-1", "Acme")))
                .isInstanceOf(TopicOwnership.OtherOrg.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/es", "ümlaut"})
    void aReviewIdOutsideTheContractCannotKeyAnOutcome(String reviewId) {
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request(reviewId, "acme")))
                .isInstanceOf(TopicOwnership.Unusable.class);
    }

    @Test
    void aReviewIdLongerThanTheContractCannotKeyAnOutcome() {
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request("x".repeat(129), "acme")))
                .isInstanceOf(TopicOwnership.Unusable.class);
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request("x".repeat(128), "acme")))
                .isInstanceOf(TopicOwnership.Owned.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-acme", "ac_me", "ac.me"})
    void anOrgIdOutsideTheContractCannotKeyAnOutcome(String orgId) {
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request("r-1", orgId)))
                .isInstanceOf(TopicOwnership.Unusable.class);
    }

    @Test
    void missingIdsCannotKeyAnOutcome() {
        assertThat(TopicOwnership.of(Topics.tenantTopic("acme", Slot.MAIN), request(null, null)))
                .isInstanceOf(TopicOwnership.Unusable.class);
    }

    private static ReviewRequested request(String reviewId, String orgId) {
        return new ReviewRequested(1, reviewId, orgId, List.of(new ChatMessage(MessageRole.USER, "diff")), Map.of(),
                Instant.parse("2026-11-26T12:00:00Z"));
    }
}
