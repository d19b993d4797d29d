package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.ChatMessage;
import dev.byok.model.ErrorCode;
import dev.byok.model.MessageRole;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final ReviewRequested REQUEST = new ReviewRequested(1, "r1", "acme",
            List.of(new ChatMessage(MessageRole.USER, "diff")), Map.of(), NOW);
    private static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3,
            Duration.ofMinutes(10));
    private static final TopicOwnership.Verdict OWNED = new TopicOwnership.Owned();

    @Test
    void anOwnedFirstRequestWithItsCapUnchangedCallsAndTheBreakerDecidesOnlyWhenThereIsAFallback() {
        assertThat(decide(OWNED, false, config(2, true), Slot.MAIN, 2, null)).isEqualTo(new Admission.Call(true));
        assertThat(decide(OWNED, false, config(2, false), Slot.MAIN, 2, null)).isEqualTo(new Admission.Call(false));
        assertThat(decide(OWNED, false, config(2, true), Slot.FALLBACK, 2, null)).isEqualTo(new Admission.Call(false));
    }

    @Test
    void aRecordOfAnotherOrgFailsAndAnUnusableOneIsDeadLetteredWhateverElseIsTrue() {
        assertThat(decide(new TopicOwnership.OtherOrg("not yours"), false, config(2, true), Slot.MAIN, 2, null))
                .isInstanceOfSatisfying(Admission.Answer.class, a -> assertThat(outcomeCode(a)).isEqualTo(
                        ErrorCode.INVALID_REQUEST));
        assertThat(decide(new TopicOwnership.Unusable("bad ids"), false, config(2, true), Slot.MAIN, 2, null))
                .isEqualTo(new Admission.DeadLetter("bad ids"));
    }

    @Test
    void aSecondRequestForAReviewIdIsDeadLetteredBeforeAnythingIsAnswered() {
        assertThat(decide(OWNED, true, Optional.empty(), Slot.MAIN, 2, null))
                .isInstanceOfSatisfying(Admission.DeadLetter.class, d -> assertThat(d.reason()).startsWith("duplicate"));
    }

    @Test
    void aConfigOrSlotRemovedMeanwhileAnswersWithoutACall() {
        assertThat(decide(OWNED, false, Optional.empty(), Slot.MAIN, 2, null))
                .isInstanceOfSatisfying(Admission.Answer.class, a -> assertThat(outcomeCode(a)).isEqualTo(
                        ErrorCode.BYOK_NOT_CONFIGURED));
        assertThat(decide(OWNED, false, config(2, false), Slot.FALLBACK, 2, null))
                .isInstanceOfSatisfying(Admission.Answer.class, a -> assertThat(outcomeCode(a)).isEqualTo(
                        ErrorCode.MAIN_FAILED_NO_FALLBACK));
    }

    @Test
    void aPermitTakenUnderAnotherCapIsNotUsed() {
        assertThat(decide(OWNED, false, config(3, true), Slot.MAIN, 2, null)).isEqualTo(new Admission.AskAgain());
        assertThat(decide(OWNED, false, config(null, true), Slot.MAIN, 2, null)).isEqualTo(new Admission.AskAgain());
    }

    @Test
    void mainCoolingDownGoesToTheFallbackOrWaitsButNeverCalls() {
        Instant until = NOW.plusSeconds(30);
        assertThat(decide(OWNED, false, config(2, true), Slot.MAIN, 2, until))
                .isEqualTo(new Admission.Answer(new ReviewDecision.ToFallback(List.of())));
        assertThat(decide(OWNED, false, config(2, false), Slot.MAIN, 2, until)).isInstanceOfSatisfying(
                Admission.Answer.class, a -> assertThat(a.next()).isInstanceOfSatisfying(ReviewDecision.RetryLater.class,
                        later -> assertThat(later.notBefore()).isAfterOrEqualTo(until)));
        assertThat(decide(OWNED, false, config(2, true), Slot.FALLBACK, 2, until)).as("only main cools down")
                .isEqualTo(new Admission.Call(false));
    }

    private static Admission.Decision decide(TopicOwnership.Verdict ownership, boolean duplicate,
            Optional<OrgConfigChanged> config, Slot slot, Integer permitCap, Instant coolingUntil) {
        return Admission.decide(new Admission.Facts(ownership, duplicate, config, slot, permitCap, coolingUntil),
                REQUEST, List.of(), RETRIES, NOW);
    }

    private static ErrorCode outcomeCode(Admission.Answer answer) {
        return ((ReviewDecision.Publish) answer.next()).outcome().error().code();
    }

    private static Optional<OrgConfigChanged> config(Integer cap, boolean withFallback) {
        StoredSlot main = new StoredSlot(settings(cap), null, "…", NOW);
        StoredSlot fallback = withFallback ? new StoredSlot(settings(cap), null, "…", NOW) : null;
        return Optional.of(new OrgConfigChanged(1, "acme", 4, main, fallback, NOW, "w"));
    }

    private static SlotSettings settings(Integer cap) {
        return new SlotSettings(ProviderId.OPENAI, "gpt-4o-mini", null, null, null, null, ThinkingLevel.OFF, null, cap,
                null, "https://api.openai.com/v1");
    }
}
