package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.model.Slot;
import dev.byok.provider.ProviderResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMinutes(1));

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        ProviderResult.Failure down = new ProviderResult.Failure(AttemptOutcome.SERVER_ERROR, 503, null, "x");
        List<Attempt> attempts = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < 3; i++) {
            attempts.add(attempt(now, AttemptOutcome.SERVER_ERROR));
            RetryPolicy.Verdict verdict = policy.afterFailure(attempts, down, now);
            Instant next = ((RetryPolicy.RetryAt) verdict).notBefore();
            waits.add(Duration.between(now, next));
            now = next;
        }
        attempts.add(attempt(now, AttemptOutcome.SERVER_ERROR));

        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(policy.afterFailure(attempts, down, now)).isInstanceOf(RetryPolicy.GiveUp.class);
    }

    @Test
    void failuresThatWaitingCannotFixAreNotRetried() {
        for (AttemptOutcome outcome : List.of(AttemptOutcome.AUTH_FAILED, AttemptOutcome.PAYMENT_REQUIRED,
                AttemptOutcome.MODEL_NOT_FOUND, AttemptOutcome.INVALID_REQUEST)) {
            ProviderResult.Failure failure = new ProviderResult.Failure(outcome, 400, null, "x");
            assertThat(policy.afterFailure(List.of(attempt(START, outcome)), failure, START))
                    .as(outcome.name()).isInstanceOf(RetryPolicy.GiveUp.class);
        }
    }

    @Test
    void theDeadlineCountsFromTheFirstAttempt() {
        ProviderResult.Failure limited = new ProviderResult.Failure(AttemptOutcome.RATE_LIMITED, 429,
                Duration.ofSeconds(45), "x");
        List<Attempt> attempts = List.of(attempt(START, AttemptOutcome.RATE_LIMITED));

        assertThat(policy.afterFailure(attempts, limited, START.plusSeconds(20)))
                .isEqualTo(new RetryPolicy.PastDeadline(START.plus(Duration.ofMinutes(1))));
        assertThat(policy.afterFailure(attempts, limited, START.plusSeconds(10)))
                .isEqualTo(new RetryPolicy.RetryAt(START.plusSeconds(55)));
    }

    @Test
    void aReviewWaitsForTheKeyServiceOnlyUntilItsDeadline() {
        assertThat(policy.waitForKeyService(START, START.plusSeconds(30)))
                .isEqualTo(new RetryPolicy.RetryAt(START.plusSeconds(32)));
        assertThat(policy.waitForKeyService(START, START.plusSeconds(59)))
                .isEqualTo(new RetryPolicy.PastDeadline(START.plus(Duration.ofMinutes(1))));
    }

    private static Attempt attempt(Instant at, AttemptOutcome outcome) {
        return new Attempt(Slot.MAIN, ProviderId.OPENAI_COMPATIBLE, "m", outcome, 500, 10, at, null, null);
    }
}
