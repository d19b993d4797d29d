package dev.byok.worker.review;

import dev.byok.model.Attempt;
import dev.byok.model.Slot;
import dev.byok.provider.ProviderResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When an org has no fallback, a main slot that is only briefly unavailable (throttled, down,
 * slow, unreachable) is tried again later instead of failing the review at once. The wait is the
 * provider's retry hint when it gave one, else an exponential back-off; a retry is a later
 * record on the tenant topic, not a sleeping thread holding a permit. Retries stop after
 * {@code maxAttempts} calls or when the next one would start after the review's deadline.
 *
 * @param deadline counted from the review's first attempt
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, int maxAttempts, Duration deadline) {


    public RetryPolicy {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.isNegative() || deadline.isNegative()) {
            throw new IllegalArgumentException("retry settings must be positive");
        }
    }

    public sealed interface Verdict permits RetryAt, GiveUp, PastDeadline {
    }

    /** The answer when the only question is how long to wait. */
    public sealed interface WaitVerdict permits RetryAt, PastDeadline {
    }

    public record RetryAt(Instant notBefore) implements Verdict, WaitVerdict {
    }

    /** Not worth another try: the failure will not clear by waiting, or the attempts are used up. */
    public record GiveUp() implements Verdict {
    }

    /** Waiting would end after the review's deadline. */
    public record PastDeadline(Instant deadline) implements Verdict, WaitVerdict {
    }

    /** After a failed main attempt ({@code attempts} includes it). */
    public Verdict afterFailure(List<Attempt> attempts, ProviderResult.Failure failure, Instant now) {
        long mainAttempts = attempts.stream().filter(a -> a.slot() == Slot.MAIN).count();
        if (!OutcomePolicy.of(failure.outcome()).retryLater() || mainAttempts >= maxAttempts) {
            return new GiveUp();
        }
        Duration wait = failure.retryAfter() != null ? boundedWait(failure.retryAfter()) : backOff(mainAttempts);
        return switch (within(attempts, now, now.plus(wait))) {
            case RetryAt retry -> retry;
            case PastDeadline past -> past;
        };
    }

    /**
     * A provider's wait, cut to the review's deadline: the longest any review can wait, so a hint
     * of days or years means "past the deadline", and adding it to a time cannot overflow.
     */
    public Duration boundedWait(Duration asked) {
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(deadline) > 0 ? deadline.plusMillis(1) : asked;
    }

    /** Main is cooling down until {@code until}: wait for it if the deadline allows. */
    public WaitVerdict waitFor(List<Attempt> attempts, Instant until, Instant now) {
        return within(attempts, now, until);
    }

    /** The key service could not open the slot's key; the review has waited for it since {@code since}. */
    public WaitVerdict waitForKeyService(Instant since, Instant now) {
        Instant notBefore = now.plus(baseDelay);
        Instant end = since.plus(deadline);
        return notBefore.isAfter(end) ? new PastDeadline(end) : new RetryAt(notBefore);
    }

    private WaitVerdict within(List<Attempt> attempts, Instant now, Instant notBefore) {
        Instant start = attempts.isEmpty() ? now : attempts.getFirst().startedAt();
        Instant end = start.plus(deadline);
        return notBefore.isAfter(end) ? new PastDeadline(end) : new RetryAt(notBefore);
    }

    private Duration backOff(long attemptsSoFar) {
        long factor = 1L << Math.min(20, Math.max(0, attemptsSoFar - 1));
        Duration delay = baseDelay.multipliedBy(factor);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
