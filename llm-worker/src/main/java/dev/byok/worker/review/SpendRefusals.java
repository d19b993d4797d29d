package dev.byok.worker.review;

import dev.byok.model.Attempt;
import dev.byok.model.BudgetAlert;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.RequestQuota;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.worker.engine.ReviewRun;
import dev.byok.worker.spend.SpendGate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What becomes of a review whose call a request quota or a budget held back: it waits on its slot
 * (its record comes back when the window or the period has room, within the review's deadline), goes
 * to the fallback (a quota set to {@code fallback}, on main with a fallback), or fails with an outcome
 * that says which limit and when it resets.
 */
final class SpendRefusals {

    private SpendRefusals() {
    }

    interface Publisher {
        ReviewRun publish(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, ReviewDecision.Next next);
    }

    static ReviewRun next(SpendGate.Admission admission, ConsumerRecord<byte[], byte[]> record, ReviewRequested request,
            Slot slot, List<Attempt> prior, boolean hasFallback, RetryPolicy retries, Instant now, Publisher publisher) {
        return switch (admission) {
            case SpendGate.QuotaFull full -> {
                if (full.quota().onExceeded() == RequestQuota.OnExceeded.FALLBACK && slot == Slot.MAIN && hasFallback) {
                    yield publisher.publish(record, request, new ReviewDecision.ToFallback(prior));
                }
                yield waitOrFail(record, request, slot, prior, full.until(), retries, now, publisher,
                        ErrorCode.DEADLINE_EXCEEDED, "The request quota of the " + slot.wire() + " slot ("
                                + full.quota().requests() + " per " + full.quota().window() + ") is used up until "
                                + full.until() + ", after the review's deadline; no call was made.");
            }
            case SpendGate.BudgetSpent spent -> {
                String why = "Org " + request.orgId() + "'s budget (" + spent.limit() + ") has no room for this review"
                        + " (estimated " + spent.estimate().tokens() + " tokens); it resets at " + spent.resetsAt()
                        + ". No call was made.";
                if (spent.budget().onExceeded() == dev.byok.model.Budget.OnExceeded.WAIT) {
                    yield waitOrFail(record, request, slot, prior, spent.resetsAt(), retries, now, publisher,
                            ErrorCode.BUDGET_EXCEEDED, why + " Waiting for the reset would end after the review's deadline.");
                }
                yield publisher.publish(record, request, ReviewDecision.fail(request, ErrorCode.BUDGET_EXCEEDED, why,
                        prior, now));
            }
            case SpendGate.BudgetHeld held -> waitOrFail(record, request, slot, prior, held.retryAt(), retries, now,
                    publisher, ErrorCode.BUDGET_EXCEEDED, "Org " + request.orgId() + "'s budget (" + held.limit()
                            + ") is held by reviews in flight until after this review's deadline. No call was made.");
            case SpendGate.Go go -> throw new IllegalArgumentException("an admitted call is not a refusal");
        };
    }

    private static ReviewRun waitOrFail(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, Slot slot,
            List<Attempt> prior, Instant until, RetryPolicy retries, Instant now, Publisher publisher, ErrorCode code,
            String message) {
        return switch (retries.waitFor(prior, until, now)) {
            case RetryPolicy.RetryAt retry -> new ReviewRun.Publish(List.of(ReviewPublisher.forward(record, request, slot,
                    prior, retry.notBefore())));
            case RetryPolicy.PastDeadline past -> publisher.publish(record, request,
                    ReviewDecision.fail(request, code, message, prior, now));
        };
    }

    /** The run's records and, after them, the budget alerts its call crossed, published in the same transaction. */
    static ReviewRun withAlerts(ReviewRun run, List<BudgetAlert> alerts) {
        if (alerts.isEmpty() || !(run instanceof ReviewRun.Publish publish)) {
            return run;
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(publish.records());
        for (BudgetAlert alert : alerts) {
            records.add(new ProducerRecord<>(Topics.BUDGET_ALERTS, alert.orgId().getBytes(StandardCharsets.UTF_8),
                    Json.lenient().writeValueAsBytes(alert)));
        }
        return new ReviewRun.Publish(records);
    }
}
