package dev.byok.worker.review;

import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeyServiceUnavailableException;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
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
import dev.byok.worker.engine.ReviewRun;
import dev.byok.worker.permits.Lease;
import dev.byok.worker.shared.SharedSlotState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one review on one slot and returns what to publish for it. Runs on a virtual thread while
 * the engine holds the slot's permit for it; it makes at most one provider call, and only for a
 * record read from its own org's topic. The key is decrypted here, used for that call and dropped.
 */
public final class ReviewTask {

    private static final Logger log = LoggerFactory.getLogger(ReviewTask.class);
    private final OrgConfigs configs;
    private final KeyEnvelope envelope;
    private final LlmProvider provider;
    private final SharedSlotState shared;
    private final MainBreakers breakers;
    private final RetryPolicy retries;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final Duration requestTimeout;

    public ReviewTask(OrgConfigs configs, KeyEnvelope envelope, LlmProvider provider, SharedSlotState shared,
            MainBreakers breakers, RetryPolicy retries, WorkerMetrics metrics, Clock clock, Duration requestTimeout) {
        this.configs = configs;
        this.envelope = envelope;
        this.provider = provider;
        this.shared = shared;
        this.breakers = breakers;
        this.retries = retries;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @param permitCap the cap the held permit was counted against: if the slot's cap has changed
     *     since, no call is made and the review asks again under the new cap
     * @param lease the held permit's lease, renewed just before the call; the call's deadline ends
     *     before the renewed lease does, and if it cannot be renewed no call is made
     */
    public ReviewRun run(ConsumerRecord<byte[], byte[]> record, Slot slot, Integer permitCap, Lease lease) {
        ReviewRequested request;
        List<Attempt> prior;
        try {
            request = Json.lenient().readValue(record.value(), ReviewRequested.class);
            prior = AttemptsHeader.read(record.headers());
        } catch (RuntimeException e) {
            return new ReviewRun.Publish(List.of(DeadLetters.of(record, "the worker cannot read this review: "
                    + e.getClass().getSimpleName())));
        }
        switch (TopicOwnership.of(record.topic(), request)) {
            case TopicOwnership.Unusable unusable -> {
                return new ReviewRun.Publish(List.of(DeadLetters.of(record, unusable.reason())));
            }
            case TopicOwnership.OtherOrg otherOrg -> {
                log.warn("A record on {} names another org ({}); it was not served", record.topic(), request.orgId());
                return publish(record, request, ReviewDecision.fail(request, ErrorCode.INVALID_REQUEST,
                        otherOrg.message(), prior, now()));
            }
            case TopicOwnership.Owned owned -> {
                // served below
            }
        }
        if (isFirstDelivery(record) && !shared.claimReview(request.orgId(), request.reviewId(), recordId(record))) {
            return new ReviewRun.Publish(List.of(DeadLetters.of(record, "duplicate request: review " + request.reviewId()
                    + " was already requested; its outcome is published once")));
        }
        Optional<OrgConfigChanged> config = configs.resolve(request.orgId(), Duration.ofSeconds(2));
        if (config.isEmpty()) {
            return publish(record, request, ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org "
                    + request.orgId() + " has no BYOK config any more; it was removed after the review was requested.",
                    prior, now()));
        }
        StoredSlot stored = config.get().slot(slot);
        if (stored == null) {
            return publish(record, request, slotMissing(request, slot, config.get(), prior));
        }
        if (!Objects.equals(stored.settings().maxConcurrentRequests(), permitCap)) {
            return new ReviewRun.CapChanged();
        }
        boolean hasFallback = config.get().fallback() != null;
        MainBreakers.MainCall mainCall = null;
        if (slot == Slot.MAIN) {
            Optional<Instant> cooling = shared.coolingUntil(request.orgId(), Slot.MAIN);
            if (cooling.isPresent()) {
                return publish(record, request,
                        ReviewDecision.mainCoolingDown(request, prior, hasFallback, cooling.get(), retries, now()));
            }
            if (hasFallback) {
                Optional<MainBreakers.MainCall> allowed = breakers.tryCall(request.orgId());
                if (allowed.isEmpty()) {
                    return publish(record, request, new ReviewDecision.ToFallback(prior));
                }
                mainCall = allowed.get();
            } else {
                mainCall = breakers.unconditionalCall(request.orgId());
            }
        }
        try {
            return call(record, request, slot, config.get(), prior, lease, mainCall);
        } finally {
            if (mainCall != null) {
                mainCall.notMade();
            }
        }
    }

    /** Opens the key, renews the lease and makes the one call; {@code mainCall} is ended if the call is made. */
    private ReviewRun call(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, Slot slot,
            OrgConfigChanged config, List<Attempt> prior, Lease lease, MainBreakers.MainCall mainCall) {
        StoredSlot stored = config.slot(slot);
        boolean hasFallback = config.fallback() != null;
        String apiKey;
        try {
            apiKey = configs.defaultKey(config, slot)
                    .orElseGet(() -> envelope.open(stored.key(), new KeyContext(request.orgId(), slot)));
        } catch (KeyServiceUnavailableException e) {
            // KMS did not answer (network, throttling): not the key's fault. No call was made; the
            // review comes back on the same slot after the base back-off, up to the review deadline.
            Instant since = KeyWaitHeader.read(record.headers()).orElse(now());
            return switch (retries.waitForKeyService(since, now())) {
                case RetryPolicy.RetryAt retry -> {
                    // forward() drops the header on every other way on; this one keeps when the wait began.
                    ProducerRecord<byte[], byte[]> later = forward(record, request, slot, prior, retry.notBefore());
                    later.headers().add(KeyWaitHeader.NAME, NotBeforeHeader.write(since));
                    yield new ReviewRun.Publish(List.of(later));
                }
                case RetryPolicy.PastDeadline past -> publish(record, request, ReviewDecision.fail(request,
                        ErrorCode.DEADLINE_EXCEEDED, "The key service (KMS) could not open the stored API key of the "
                                + slot.wire() + " slot since " + since + " (" + e.getMessage() + "); no provider was "
                                + "called. Check that the workers can reach KMS, then request the review again.",
                        prior, now()));
            };
        } catch (KeyUnavailableException e) {
            return publish(record, request, ReviewDecision.fail(request, ErrorCode.NON_RETRYABLE, "The stored API key "
                    + "of the " + slot.wire() + " slot cannot be decrypted (" + e.getMessage() + "). Save the key again.",
                    prior, now()));
        }
        Optional<Duration> deadline = renewed(lease).flatMap(ends -> CallDeadline.of(requestTimeout, ends, now()));
        if (deadline.isEmpty()) {
            log.info("The permit of org {} slot {} ran out before its call could start; the review asks again",
                    request.orgId(), slot.wire());
            return new ReviewRun.CapChanged();
        }
        int attemptOnSlot = (int) prior.stream().filter(a -> a.slot() == slot).count();
        if (!shared.firstStart(request.orgId(), request.reviewId(), slot, attemptOnSlot)) {
            metrics.repeatedCall(request.orgId(), slot);
        }
        Instant startedAt = now();
        Runnable callEnded = metrics.callStarted(request.orgId(), slot, stored.settings().maxConcurrentRequests());
        ProviderResult result;
        try {
            result = provider.call(new ProviderRequest(stored.settings(), apiKey, request.messages(), deadline.get()));
        } finally {
            callEnded.run();
        }
        long latencyMs = Math.max(0, clock.millis() - startedAt.toEpochMilli());
        metrics.attempt(request.orgId(), slot, result.outcome(), latencyMs);
        if (result instanceof ProviderResult.Success success) {
            metrics.tokens(request.orgId(), slot, success.usage());
        }
        if (mainCall != null) {
            mainCall.ended(result.outcome(), latencyMs);
            coolDownIfAsked(request.orgId(), result);
        }
        List<Attempt> attempts = new ArrayList<>(prior);
        attempts.add(ReviewDecision.attempt(slot, stored.settings(), result, startedAt, latencyMs));
        return publish(record, request, ReviewDecision.after(request, slot, stored.settings(), result, attempts,
                hasFallback, retries, now()));
    }

    /** The renewed lease's end; empty when the permit is gone or Redis cannot say (then no call is made). */
    private static Optional<Instant> renewed(Lease lease) {
        try {
            return lease.renew();
        } catch (RuntimeException e) {
            log.warn("Cannot renew a permit's lease: {}", e.toString());
            return Optional.empty();
        }
    }

    /** A request as the dispatcher forwarded it, not one this worker moved on (those carry their attempts). */
    private static boolean isFirstDelivery(ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(AttemptsHeader.NAME) == null;
    }

    private static String recordId(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    /** A rate limit with a retry hint is shared knowledge: every worker stops calling main until then. */
    private void coolDownIfAsked(String orgId, ProviderResult result) {
        if (result instanceof ProviderResult.Failure failure && failure.outcome() == AttemptOutcome.RATE_LIMITED
                && failure.retryAfter() != null && !failure.retryAfter().isZero()) {
            shared.coolDown(orgId, Slot.MAIN, now().plus(failure.retryAfter()));
            metrics.cooldown(orgId);
        }
    }

    private ReviewDecision.Next slotMissing(ReviewRequested request, Slot slot, OrgConfigChanged config,
            List<Attempt> prior) {
        if (slot == Slot.MAIN && config.fallback() != null) {
            return new ReviewDecision.ToFallback(prior);
        }
        if (slot == Slot.MAIN) {
            return ReviewDecision.fail(request, ErrorCode.BYOK_NOT_CONFIGURED, "Org " + request.orgId()
                    + " has no main slot any more; it was removed after the review was requested.", prior, now());
        }
        return ReviewDecision.fail(request, ErrorCode.MAIN_FAILED_NO_FALLBACK, "The main slot failed and the "
                + "fallback slot was removed before it could take over.", prior, now());
    }

    private ReviewRun publish(ConsumerRecord<byte[], byte[]> record, ReviewRequested request,
            ReviewDecision.Next next) {
        switch (next) {
            case ReviewDecision.Publish publish -> metrics.outcome(publish.outcome());
            case ReviewDecision.ToFallback toFallback -> metrics.toFallback(request.orgId(), toFallback.attempts().isEmpty()
                    ? "skipped_main" : toFallback.attempts().getLast().outcome().name());
            case ReviewDecision.RetryLater retry -> metrics.retryLater(request.orgId());
        }
        return new ReviewRun.Publish(records(record, request, next));
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
    private static ProducerRecord<byte[], byte[]> forward(ConsumerRecord<byte[], byte[]> record, ReviewRequested request,
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

    private Instant now() {
        return clock.instant();
    }
}
