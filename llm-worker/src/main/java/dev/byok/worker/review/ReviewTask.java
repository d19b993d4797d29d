package dev.byok.worker.review;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.model.Attempt;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import dev.byok.model.Topics;
import dev.byok.provider.LlmProvider;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Serves one review on one slot and returns what to publish for it. Runs on a virtual thread while
 * the engine holds the slot's permit for it; it makes at most one provider call. The key is
 * decrypted here, used for that call and dropped.
 */
public final class ReviewTask {

    private final ConfigTopicView configs;
    private final KeyEnvelope envelope;
    private final LlmProvider provider;
    private final Clock clock;
    private final Duration requestTimeout;

    public ReviewTask(ConfigTopicView configs, KeyEnvelope envelope, LlmProvider provider, Clock clock,
            Duration requestTimeout) {
        this.configs = configs;
        this.envelope = envelope;
        this.provider = provider;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    public List<ProducerRecord<byte[], byte[]>> run(ConsumerRecord<byte[], byte[]> record, Slot slot) {
        ReviewRequested request;
        List<Attempt> prior;
        try {
            request = Json.lenient().readValue(record.value(), ReviewRequested.class);
            prior = AttemptsHeader.read(record.headers());
        } catch (RuntimeException e) {
            return List.of(DeadLetters.of(record, "the worker cannot read this review: " + e.getClass().getSimpleName()));
        }
        Optional<OrgConfigChanged> config = configs.find(request.orgId());
        if (config.isEmpty() && configs.awaitCaughtUp(Duration.ofSeconds(2))) {
            config = configs.find(request.orgId());
        }
        if (config.isEmpty()) {
            return outcome(ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org " + request.orgId()
                    + " has no BYOK config any more; it was removed after the review was requested.", prior, now()));
        }
        StoredSlot stored = config.get().slot(slot);
        if (stored == null) {
            return slotMissing(record, request, slot, config.get(), prior);
        }
        String apiKey;
        try {
            apiKey = envelope.open(stored.key(), new KeyContext(request.orgId(), slot));
        } catch (KeyUnavailableException e) {
            return outcome(ReviewDecision.fail(request, ErrorCode.NON_RETRYABLE, "The stored API key of the "
                    + slot.wire() + " slot cannot be decrypted (" + e.getMessage() + "). Save the key again.", prior,
                    now()));
        }
        Instant startedAt = now();
        ProviderResult result = provider.call(new ProviderRequest(stored.settings(), apiKey, request.messages(),
                requestTimeout));
        long latencyMs = Math.max(0, clock.millis() - startedAt.toEpochMilli());
        List<Attempt> attempts = new ArrayList<>(prior);
        attempts.add(ReviewDecision.attempt(slot, stored.settings(), result, startedAt, latencyMs));
        return switch (ReviewDecision.after(request, slot, stored.settings(), result, attempts,
                config.get().fallback() != null, now())) {
            case ReviewDecision.Publish publish -> outcome(publish);
            case ReviewDecision.ToFallback toFallback -> List.of(toFallback(record, request, toFallback.attempts()));
        };
    }

    private List<ProducerRecord<byte[], byte[]>> slotMissing(ConsumerRecord<byte[], byte[]> record,
            ReviewRequested request, Slot slot, OrgConfigChanged config, List<Attempt> prior) {
        if (slot == Slot.MAIN && config.fallback() != null) {
            return List.of(toFallback(record, request, prior));
        }
        if (slot == Slot.MAIN) {
            return outcome(ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org " + request.orgId()
                    + " has no main slot any more; it was removed after the review was requested.", prior, now()));
        }
        return outcome(ReviewDecision.fail(request, ErrorCode.MAIN_FAILED_NO_FALLBACK, "The main slot failed and the "
                + "fallback slot was removed before it could take over.", prior, now()));
    }

    private static ProducerRecord<byte[], byte[]> toFallback(ConsumerRecord<byte[], byte[]> record,
            ReviewRequested request, List<Attempt> attempts) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(AttemptsHeader.NAME);
        headers.add(AttemptsHeader.NAME, AttemptsHeader.write(attempts));
        return new ProducerRecord<>(Topics.tenantTopic(request.orgId(), Slot.FALLBACK), null,
                request.reviewId().getBytes(StandardCharsets.UTF_8), record.value(), headers);
    }

    private static List<ProducerRecord<byte[], byte[]>> outcome(ReviewDecision.Publish publish) {
        ReviewOutcome outcome = publish.outcome();
        return List.of(new ProducerRecord<>(Topics.REVIEWS_RESULTS, outcome.reviewId().getBytes(StandardCharsets.UTF_8),
                Json.lenient().writeValueAsBytes(outcome)));
    }

    private Instant now() {
        return clock.instant();
    }
}
