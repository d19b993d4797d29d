package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.ErrorCode;
import dev.byok.model.FinishReason;
import dev.byok.model.MessageRole;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.model.Usage;
import dev.byok.provider.ProviderResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReviewDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final ReviewRequested REQUEST = new ReviewRequested(1, "r1", "acme",
            List.of(new ChatMessage(MessageRole.USER, "diff")), Map.of("pullRequest", 1), NOW);
    private static final SlotSettings MAIN = settings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1");
    private static final SlotSettings FALLBACK = settings(ProviderId.ANTHROPIC, "claude-sonnet-4-6");
    private static final RetryPolicy NO_RETRIES = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 1,
            Duration.ofMinutes(10));
    private static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3,
            Duration.ofMinutes(10));

    @Test
    void aSuccessIsTheOutcomeWithTheServingSlotAndItsUsage() {
        ProviderResult ok = new ProviderResult.Success("LGTM", FinishReason.STOP, new Usage(10L, 2L, 0L), 200);
        Attempt attempt = ReviewDecision.attempt(Slot.MAIN, MAIN, ok, NOW, 40);

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, ok, List.of(attempt), true, NO_RETRIES, NOW);

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class, p -> {
            assertThat(p.outcome().status()).isEqualTo(ReviewStatus.COMPLETED);
            assertThat(p.outcome().servedBy()).isEqualTo(Slot.MAIN);
            assertThat(p.outcome().content()).isEqualTo("LGTM");
            assertThat(p.outcome().usage()).isEqualTo(new Usage(10L, 2L, 0L));
            assertThat(p.outcome().metadata()).containsEntry("pullRequest", 1);
        });
    }

    @ParameterizedTest
    @EnumSource(value = AttemptOutcome.class, names = {"SUCCESS", "CONTENT_FILTERED"}, mode = EnumSource.Mode.EXCLUDE)
    void aMainFailureThatAnotherModelCouldServeGoesToTheFallback(AttemptOutcome outcome) {
        ProviderResult failed = new ProviderResult.Failure(outcome, 500, null, "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, failed, NOW, 5));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, failed, attempts, true, NO_RETRIES, NOW);

        assertThat(next).isEqualTo(new ReviewDecision.ToFallback(attempts));
    }

    @Test
    void aContentFilterFailsTheReviewInsteadOfRoutingAroundIt() {
        ProviderResult filtered = new ProviderResult.Failure(AttemptOutcome.CONTENT_FILTERED, 400, null, "x");

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, filtered, List.of(), true, NO_RETRIES, NOW);

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class,
                p -> assertThat(p.outcome().error().code()).isEqualTo(ErrorCode.NON_RETRYABLE));
    }

    @Test
    void withoutAFallbackTheMessageSaysWhatHappenedAndWhatToDo() {
        ProviderResult limited = new ProviderResult.Failure(AttemptOutcome.RATE_LIMITED, 429, Duration.ofMillis(2500), "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, limited, NOW, 5));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, limited, attempts, false, NO_RETRIES,
                NOW);

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class, p -> {
            assertThat(p.outcome().status()).isEqualTo(ReviewStatus.FAILED);
            assertThat(p.outcome().error().code()).isEqualTo(ErrorCode.MAIN_FAILED_NO_FALLBACK);
            assertThat(p.outcome().error().message()).isEqualTo("The main slot (openai_compatible glm-5.1) was rate "
                    + "limited (HTTP 429), asked to retry after 2.5 s. No fallback slot is configured; add one so reviews "
                    + "still finish when main is unavailable.");
            assertThat(p.outcome().content()).isNull();
        });
    }

    @Test
    void aFallbackFailureNamesBothSlots() {
        ProviderResult limited = new ProviderResult.Failure(AttemptOutcome.RATE_LIMITED, 429, null, "x");
        ProviderResult down = new ProviderResult.Failure(AttemptOutcome.SERVER_ERROR, 503, null, "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, limited, NOW, 5),
                ReviewDecision.attempt(Slot.FALLBACK, FALLBACK, down, NOW, 9));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.FALLBACK, FALLBACK, down, attempts, true, NO_RETRIES, NOW);

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class, p -> {
            assertThat(p.outcome().error().code()).isEqualTo(ErrorCode.FALLBACK_FAILED);
            assertThat(p.outcome().error().message()).contains("main slot (openai_compatible glm-5.1) was rate limited",
                    "(anthropic claude-sonnet-4-6) failed with a provider error", "HTTP 503");
            assertThat(p.outcome().attempts()).hasSize(2);
        });
    }

    @Test
    void withoutAFallbackATransientFailureIsRetriedLaterAfterTheHint() {
        ProviderResult limited = new ProviderResult.Failure(AttemptOutcome.RATE_LIMITED, 429, Duration.ofSeconds(7), "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, limited, NOW, 5));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, limited, attempts, false, RETRIES, NOW);

        assertThat(next).isEqualTo(new ReviewDecision.RetryLater(attempts, NOW.plusSeconds(7)));
    }

    @Test
    void withoutAFallbackRetriesEndAfterTheLastAttemptWithEveryAttemptListed() {
        ProviderResult down = new ProviderResult.Failure(AttemptOutcome.SERVER_ERROR, 503, null, "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, down, NOW, 5),
                ReviewDecision.attempt(Slot.MAIN, MAIN, down, NOW.plusSeconds(1), 5),
                ReviewDecision.attempt(Slot.MAIN, MAIN, down, NOW.plusSeconds(3), 5));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, down, attempts, false, RETRIES,
                NOW.plusSeconds(3));

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class, p -> {
            assertThat(p.outcome().error().code()).isEqualTo(ErrorCode.MAIN_FAILED_NO_FALLBACK);
            assertThat(p.outcome().error().message()).contains("on each of 3 attempts");
            assertThat(p.outcome().attempts()).hasSize(3);
        });
    }

    @Test
    void aRetryHintBeyondTheDeadlineFailsWithDEADLINE_EXCEEDED() {
        ProviderResult limited = new ProviderResult.Failure(AttemptOutcome.RATE_LIMITED, 429, Duration.ofMinutes(30), "x");
        List<Attempt> attempts = List.of(ReviewDecision.attempt(Slot.MAIN, MAIN, limited, NOW, 5));

        ReviewDecision.Next next = ReviewDecision.after(REQUEST, Slot.MAIN, MAIN, limited, attempts, false, RETRIES, NOW);

        assertThat(next).isInstanceOfSatisfying(ReviewDecision.Publish.class,
                p -> assertThat(p.outcome().error().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
    }

    @Test
    void whileMainCoolsDownReviewsGoToTheFallbackOrWaitForIt() {
        Instant until = NOW.plusSeconds(20);

        assertThat(ReviewDecision.mainCoolingDown(REQUEST, List.of(), true, until, RETRIES, NOW))
                .isEqualTo(new ReviewDecision.ToFallback(List.of()));
        assertThat(ReviewDecision.mainCoolingDown(REQUEST, List.of(), false, until, RETRIES, NOW))
                .isEqualTo(new ReviewDecision.RetryLater(List.of(), until));
        assertThat(ReviewDecision.mainCoolingDown(REQUEST, List.of(), false, NOW.plus(Duration.ofHours(1)), RETRIES, NOW))
                .isInstanceOf(ReviewDecision.Publish.class);
    }

    private static SlotSettings settings(ProviderId provider, String model) {
        return new SlotSettings(provider, model, null, null, null, null, ThinkingLevel.OFF, null, null, null,
                "https://example.test/v1");
    }
}
