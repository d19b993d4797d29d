package dev.byok.worker.review;

import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.model.Attempt;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.worker.engine.ReviewRun;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns what becomes of a review into the records that say so: its outcome on the results topic, or
 * the same review on a tenant topic (its fallback, or main again later). Counts each in the metrics
 * and carries the review's trace on in the records' headers.
 */
final class ReviewPublisher implements SpendRefusals.Publisher {

    private final WorkerMetrics metrics;
    private final ReviewTracing tracing;

    ReviewPublisher(WorkerMetrics metrics, ReviewTracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public ReviewRun publish(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, ReviewDecision.Next next) {
        switch (next) {
            case ReviewDecision.Publish publish -> metrics.outcome(publish.outcome());
            case ReviewDecision.ToFallback toFallback -> metrics.toFallback(request.orgId(), toFallback.attempts().isEmpty()
                    ? "skipped_main" : toFallback.attempts().getLast().outcome().name());
            case ReviewDecision.RetryLater retry -> metrics.retryLater(request.orgId());
        }
        List<ProducerRecord<byte[], byte[]>> out = records(record, request, next);
        // The records carry the trace on: a review moved to its fallback as a child of byok.fallback.
        Span carried = next instanceof ReviewDecision.ToFallback ? tracing.childOfCurrent("byok.fallback")
                .tag("byok.org", request.orgId()).tag("byok.review", request.reviewId()) : tracing.current();
        if (carried != null) {
            out.forEach(produced -> tracing.inject(carried, produced.headers()));
            if (carried != tracing.current()) {
                carried.end();
            }
        }
        return new ReviewRun.Publish(out);
    }

    private static List<ProducerRecord<byte[], byte[]>> records(ConsumerRecord<byte[], byte[]> record,
            ReviewRequested request, ReviewDecision.Next next) {
        return switch (next) {
            case ReviewDecision.Publish publish -> {
                ReviewOutcome outcome = publish.outcome();
                yield List.of(new ProducerRecord<>(Topics.REVIEWS_RESULTS, utf8(outcome.reviewId()),
                        Json.lenient().writeValueAsBytes(outcome)));
            }
            case ReviewDecision.ToFallback toFallback -> List.of(forward(record, request, Slot.FALLBACK,
                    toFallback.attempts(), null));
            case ReviewDecision.RetryLater retry -> List.of(forward(record, request, Slot.MAIN, retry.attempts(),
                    retry.notBefore()));
        };
    }

    /** The same review, byte for byte, on a tenant topic, with its attempts so far and when it may run again. */
    static ProducerRecord<byte[], byte[]> forward(ConsumerRecord<byte[], byte[]> record, ReviewRequested request,
            Slot slot, List<Attempt> attempts, Instant notBefore) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(AttemptsHeader.NAME);
        headers.add(AttemptsHeader.NAME, AttemptsHeader.write(attempts));
        headers.remove(NotBeforeHeader.NAME);
        headers.remove(KeyWaitHeader.NAME);
        if (notBefore != null) {
            headers.add(NotBeforeHeader.NAME, NotBeforeHeader.write(notBefore));
        }
        return new ProducerRecord<>(Topics.tenantTopic(request.orgId(), slot), null, utf8(request.reviewId()),
                record.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
