package dev.byok.worker.review;

import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ErrorCode;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.provider.ProviderResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What follows one attempt: the review's outcome, or its move to the fallback slot. Pure. */
public final class ReviewDecision {

    private ReviewDecision() {
    }

    public sealed interface Next permits Publish, ToFallback, RetryLater {
    }

    /** The review is done; this is its one outcome. */
    public record Publish(ReviewOutcome outcome) implements Next {
    }

    /** The review goes to the fallback slot, carrying every attempt so far. */
    public record ToFallback(List<Attempt> attempts) implements Next {
    }

    /** The review is tried on main again, not before {@code notBefore}, as a later record. */
    public record RetryLater(List<Attempt> attempts, Instant notBefore) implements Next {
    }

    public static Next after(ReviewRequested request, Slot slot, SlotSettings settings, ProviderResult result,
            List<Attempt> attempts, boolean hasFallback, RetryPolicy retries, Instant now) {
        if (result instanceof ProviderResult.Success success) {
            return new Publish(new ReviewOutcome(ReviewOutcome.SCHEMA_VERSION, request.reviewId(), request.orgId(),
                    ReviewStatus.COMPLETED, slot, settings.provider(), settings.model(), success.content(),
                    success.finishReason(), success.usage(), attempts, null, request.metadata(), now));
        }
        ProviderResult.Failure failure = (ProviderResult.Failure) result;
        String what = describe(settings, failure);
        if (slot == Slot.FALLBACK) {
            Attempt main = attempts.stream().filter(a -> a.slot() == Slot.MAIN).reduce((a, b) -> b).orElse(null);
            String mainPart = main == null ? "" : "The main slot (" + main.provider().wire() + " " + main.model() + ") "
                    + words(main.outcome()) + " first; then the fallback ";
            return fail(request, ErrorCode.FALLBACK_FAILED, mainPart + what
                    + ". Check both slots' keys, limits and provider status.", attempts, now);
        }
        if (!OutcomePolicy.of(failure.outcome()).toFallback()) {
            return fail(request, ErrorCode.NON_RETRYABLE, "The main slot " + what + ". Another model would not change "
                    + "this, so the review was not sent to the fallback.", attempts, now);
        }
        if (hasFallback) {
            return new ToFallback(attempts);
        }
        return switch (retries.afterFailure(attempts, failure, now)) {
            case RetryPolicy.RetryAt retry -> new RetryLater(attempts, retry.notBefore());
            case RetryPolicy.PastDeadline past -> fail(request, ErrorCode.DEADLINE_EXCEEDED, "The main slot " + what
                    + "; waiting for it would end after the review's deadline (" + past.deadline() + "). No fallback "
                    + "slot is configured; add one so reviews still finish when main is unavailable.", attempts, now);
            case RetryPolicy.GiveUp giveUp -> fail(request, ErrorCode.MAIN_FAILED_NO_FALLBACK, "The main slot " + what
                    + tries(attempts) + ". No fallback slot is configured; add one so reviews still finish when main is "
                    + "unavailable.", attempts, now);
        };
    }

    /** Main is cooling down after a rate limit: no call is made while it does. */
    public static Next mainCoolingDown(ReviewRequested request, List<Attempt> attempts, boolean hasFallback,
            Instant until, RetryPolicy retries, Instant now) {
        if (hasFallback) {
            return new ToFallback(attempts);
        }
        return switch (retries.waitFor(attempts, until, now)) {
            case RetryPolicy.RetryAt retry -> new RetryLater(attempts, retry.notBefore());
            case RetryPolicy.PastDeadline past -> fail(request, ErrorCode.DEADLINE_EXCEEDED, "The main slot is rate "
                    + "limited until " + until + ", after the review's deadline (" + past.deadline() + "). No fallback "
                    + "slot is configured; add one so reviews still finish when main is throttled.", attempts, now);
        };
    }

    private static String tries(List<Attempt> attempts) {
        long main = attempts.stream().filter(a -> a.slot() == Slot.MAIN).count();
        return main > 1 ? " on each of " + main + " attempts" : "";
    }

    /** A review that cannot be attempted at all, with the attempts it already had. */
    public static Publish fail(ReviewRequested request, ErrorCode code, String message, List<Attempt> attempts,
            Instant now) {
        return new Publish(ReviewOutcome.failed(request.reviewId(), request.orgId(), code, message,
                new ArrayList<>(attempts), request.metadata(), now));
    }

    private static String describe(SlotSettings settings, ProviderResult.Failure failure) {
        StringBuilder out = new StringBuilder();
        out.append("(").append(settings.provider().wire()).append(" ").append(settings.model()).append(") ");
        out.append(words(failure.outcome()));
        if (failure.httpStatus() != null) {
            out.append(" (HTTP ").append(failure.httpStatus()).append(")");
        }
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null) {
            out.append(", asked to retry after ").append(String.format(Locale.ROOT, "%.1f s", retryAfter.toMillis() / 1000.0));
        }
        return out.toString();
    }

    static String words(AttemptOutcome outcome) {
        return switch (outcome) {
            case SUCCESS -> "succeeded";
            case RATE_LIMITED -> "was rate limited";
            case SERVER_ERROR -> "failed with a provider error or a cut-short answer";
            case TRUNCATED -> "streamed an answer that ended without its final event";
            case TIMEOUT -> "timed out";
            case NETWORK -> "could not be reached";
            case AUTH_FAILED -> "refused the API key";
            case PAYMENT_REQUIRED -> "is out of credit or quota";
            case MODEL_NOT_FOUND -> "does not know the model";
            case INVALID_REQUEST -> "rejected the request";
            case CONTENT_FILTERED -> "blocked the content";
        };
    }

    /** The attempt record of one call. */
    public static Attempt attempt(Slot slot, SlotSettings settings, ProviderResult result, Instant startedAt,
            long latencyMs) {
        Long retryAfterMs = null;
        String detail = null;
        if (result instanceof ProviderResult.Failure failure) {
            retryAfterMs = failure.retryAfter() == null ? null : failure.retryAfter().toMillis();
            detail = failure.detail();
        }
        return new Attempt(slot, settings.provider(), settings.model(), result.outcome(), result.httpStatus(), latencyMs,
                startedAt, retryAfterMs, detail);
    }
}
