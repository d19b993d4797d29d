package dev.byok.worker.review;

import dev.byok.configstore.ConfigStoreUnavailableException;
import dev.byok.configstore.crypto.KeyContext;
import dev.byok.configstore.crypto.KeyEnvelope;
import dev.byok.configstore.crypto.KeyServiceUnavailableException;
import dev.byok.configstore.crypto.KeyUnavailableException;
import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.model.Attempt;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.BudgetAlert;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import dev.byok.provider.LlmProvider;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import dev.byok.worker.engine.ReviewRun;
import dev.byok.worker.permits.Lease;
import dev.byok.worker.permits.PermitStoreUnavailableException;
import dev.byok.worker.shared.SharedSlotState;
import dev.byok.worker.spend.SpendGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private final ReviewTracing tracing;
    private final SpendGate spend;
    private final ReviewPublisher publisher;

    /**
     * @param tracing the review's trace: spans {@code byok.review}, {@code byok.provider.call}, {@code byok.fallback}
     * @param spend the org's budget and the slot's request quota, checked before each call and settled after it
     */
    public ReviewTask(OrgConfigs configs, KeyEnvelope envelope, LlmProvider provider, SharedSlotState shared,
            MainBreakers breakers, RetryPolicy retries, WorkerMetrics metrics, Clock clock, Duration requestTimeout,
            ReviewTracing tracing, SpendGate spend) {
        this.tracing = tracing;
        this.spend = spend;
        this.publisher = new ReviewPublisher(metrics, tracing);
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
        // Every line logged while the review is served names it (reviewId, orgId, slot, attempt).
        // The span continues the trace the record carries (from the client through the dispatcher).
        Span span = tracing.start("byok.review", record.headers()).tag("byok.org", request.orgId())
                .tag("byok.review", request.reviewId()).tag("byok.slot", slot.wire())
                .tag("byok.attempt", Integer.toString(prior.size() + 1));
        try (ReviewLogContext context = ReviewLogContext.open(request.reviewId(), request.orgId(), slot,
                prior.size() + 1); Tracer.SpanInScope scope = tracing.inScope(span)) {
            return serveOrFail(record, request, prior, slot, permitCap, lease);
        } finally {
            span.end();
        }
    }

    private ReviewRun serveOrFail(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, List<Attempt> prior,
            Slot slot, Integer permitCap, Lease lease) {
        try {
            return serve(record, request, prior, slot, permitCap, lease);
        } catch (RuntimeException e) {
            // Whatever went wrong, a review that could be read ends with exactly one outcome that says so.
            log.error("Review {} of org {} failed unexpectedly on slot {}", request.reviewId(), request.orgId(),
                    slot.wire(), e);
            return publisher.publish(record, request, ReviewDecision.fail(request, ErrorCode.NON_RETRYABLE, "The worker could "
                    + "not finish this review (" + e.getClass().getSimpleName() + " on the " + slot.wire()
                    + " slot); it was not tried again. Request the review again; if it keeps failing, tell the "
                    + "operator.", prior, now()));
        }
    }

    /** Gathers the facts of the {@link Admission} (one Redis round trip) and acts on its decision. */
    private ReviewRun serve(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, List<Attempt> prior,
            Slot slot, Integer permitCap, Lease lease) {
        TopicOwnership.Verdict ownership = TopicOwnership.of(record.topic(), request);
        SharedSlotState.ReviewChecks checks = new SharedSlotState.ReviewChecks(false, null);
        Optional<OrgConfigs.ServingConfig> serving = Optional.empty();
        if (ownership instanceof TopicOwnership.Owned) {
            try {
                checks = shared.check(request.orgId(), request.reviewId(), isFirstDelivery(record) ? recordId(record)
                        : null, slot);
                serving = configs.resolve(request.orgId(), Duration.ofSeconds(2));
            } catch (PermitStoreUnavailableException | ConfigStoreUnavailableException e) {
                // Nothing was called: the review waits for the store and is served later, on this slot.
                log.warn("Review {} of org {} waits for a store: {}", request.reviewId(), request.orgId(),
                        e.getMessage());
                return new ReviewRun.StoreUnavailable();
            }
        } else if (ownership instanceof TopicOwnership.OtherOrg) {
            log.warn("A record on {} names another org ({}); it was not served", record.topic(), request.orgId());
        }
        Admission.Facts facts = new Admission.Facts(ownership, checks.duplicate(),
                serving.map(OrgConfigs.ServingConfig::config), slot, permitCap, checks.coolingUntil());
        MainBreakers.MainCall mainCall = null;
        switch (Admission.decide(facts, request, prior, retries, now())) {
            case Admission.DeadLetter dead -> {
                return new ReviewRun.Publish(List.of(DeadLetters.of(record, dead.reason())));
            }
            case Admission.Answer answer -> {
                return publisher.publish(record, request, answer.next());
            }
            case Admission.AskAgain again -> {
                return new ReviewRun.CapChanged();
            }
            case Admission.Call call when call.breakerDecides() -> {
                Optional<MainBreakers.MainCall> allowed = breakers.tryCall(request.orgId());
                if (allowed.isEmpty()) {
                    return publisher.publish(record, request, new ReviewDecision.ToFallback(prior));
                }
                mainCall = allowed.get();
            }
            case Admission.Call call -> mainCall = slot == Slot.MAIN ? breakers.unconditionalCall(request.orgId()) : null;
        }
        try {
            return call(record, request, slot, serving.get(), prior, lease, mainCall);
        } finally {
            if (mainCall != null) {
                mainCall.notMade();
            }
        }
    }

    /** Opens the key, renews the lease and makes the one call; {@code mainCall} is ended if the call is made. */
    private ReviewRun call(ConsumerRecord<byte[], byte[]> record, ReviewRequested request, Slot slot,
            OrgConfigs.ServingConfig serving, List<Attempt> prior, Lease lease, MainBreakers.MainCall mainCall) {
        OrgConfigChanged config = serving.config();
        StoredSlot stored = config.slot(slot);
        boolean hasFallback = config.fallback() != null;
        String apiKey;
        try {
            // The key opens only for the provider and origin this call goes to (KeyContext binds them).
            apiKey = configs.defaultKey(serving, slot)
                    .orElseGet(() -> envelope.open(stored.key(), KeyContext.of(request.orgId(), slot, stored.settings())));
        } catch (KeyServiceUnavailableException e) {
            // KMS did not answer (network, throttling): not the key's fault. No call was made; the
            // review comes back on the same slot after the base back-off, up to the review deadline.
            Instant since = KeyWaitHeader.read(record.headers()).orElse(now());
            return switch (retries.waitForKeyService(since, now())) {
                case RetryPolicy.RetryAt retry -> {
                    // forward() drops the header on every other way on; this one keeps when the wait began.
                    ProducerRecord<byte[], byte[]> later = ReviewPublisher.forward(record, request, slot, prior,
                            retry.notBefore());
                    later.headers().add(KeyWaitHeader.NAME, NotBeforeHeader.write(since));
                    yield new ReviewRun.Publish(List.of(later));
                }
                case RetryPolicy.PastDeadline past -> publisher.publish(record, request, ReviewDecision.fail(request,
                        ErrorCode.DEADLINE_EXCEEDED, "The key service (KMS) could not open the stored API key of the "
                                + slot.wire() + " slot since " + since + " (" + e.getMessage() + "); no provider was "
                                + "called. Check that the workers can reach KMS, then request the review again.",
                        prior, now()));
            };
        } catch (KeyUnavailableException e) {
            return publisher.publish(record, request, ReviewDecision.fail(request, ErrorCode.NON_RETRYABLE, "The stored API key "
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
        String callId = request.reviewId() + "/" + slot.wire() + "/" + attemptOnSlot;
        SpendGate.Admission admission = spend.admit(request.orgId(), callId, slot, stored.settings(), config.budget(),
                request.messages());
        if (!(admission instanceof SpendGate.Go go)) {
            return SpendRefusals.next(admission, record, request, slot, prior, hasFallback, retries, now(), publisher);
        }
        // Only counts repeated calls: the call does not wait for Redis's answer.
        shared.firstStartAsync(request.orgId(), request.reviewId(), slot, attemptOnSlot).thenAccept(first -> {
            if (!first) {
                metrics.repeatedCall(request.orgId(), slot);
            }
        });
        Instant startedAt = now();
        Runnable callEnded = metrics.callStarted(request.orgId(), slot, stored.settings().maxConcurrentRequests());
        ProviderResult result;
        Span call = tracing.childOfCurrent("byok.provider.call").tag("byok.slot", slot.wire())
                .tag("byok.provider", stored.settings().provider().wire())
                .tag("byok.model", String.valueOf(stored.settings().model()));
        try {
            result = provider.call(new ProviderRequest(stored.settings(), apiKey, request.messages(), deadline.get()));
            call.tag("byok.outcome", result.outcome().name());
        } finally {
            callEnded.run();
            call.end();
        }
        long latencyMs = Math.max(0, clock.millis() - startedAt.toEpochMilli());
        List<BudgetAlert> alerts = spend.settle(go.call(),
                result instanceof ProviderResult.Success success ? success.usage() : null);
        metrics.attempt(request.orgId(), slot, stored.settings(), result.outcome(), latencyMs);
        if (result instanceof ProviderResult.Success success) {
            metrics.tokens(request.orgId(), slot, stored.settings(), success.usage());
        }
        if (mainCall != null) {
            mainCall.ended(result.outcome(), latencyMs);
            coolDownIfAsked(request.orgId(), result);
        }
        List<Attempt> attempts = new ArrayList<>(prior);
        attempts.add(ReviewDecision.attempt(slot, stored.settings(), result, startedAt, latencyMs));
        return SpendRefusals.withAlerts(publisher.publish(record, request, ReviewDecision.after(request, slot, stored.settings(),
                result, attempts, hasFallback, retries, now())), alerts);
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

    /**
     * A rate limit with a retry hint is shared knowledge: every worker stops calling main until then.
     * The provider's wait is honoured as it was given (a review that cannot wait that long fails or
     * falls back at once); it is at most a day, bounded where it was read, so the sum cannot overflow.
     */
    private void coolDownIfAsked(String orgId, ProviderResult result) {
        if (result instanceof ProviderResult.Failure failure && failure.outcome() == AttemptOutcome.RATE_LIMITED
                && failure.retryAfter() != null && !failure.retryAfter().isZero()) {
            Instant until = now().plus(failure.retryAfter());
            shared.coolDown(orgId, Slot.MAIN, until);
            metrics.cooldown(orgId, Slot.MAIN, until);
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
