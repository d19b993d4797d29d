package dev.byok.provider;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.provider.internal.AnswerBudget;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.RetryHints;
import dev.byok.provider.internal.WireClient;
import dev.byok.provider.internal.WireFormats;
import dev.byok.provider.internal.auth.CallCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The entry point of the provider boundary: picks the wire format for a slot's provider. Every call
 * goes through the egress guard at connect time (the transport resolves a host through the guard
 * and connects only to the addresses it checked), so a baseUrl whose DNS changed since it was saved
 * cannot reach a private address, and a host the guard cannot resolve is not called at all (a
 * {@code NETWORK} failure). Never throws for a provider failure.
 */
public final class ProviderClients implements LlmProvider {

    private final Map<ProviderId, LlmProvider> byProvider = new EnumMap<>(ProviderId.class);

    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout) {
        this(egressGuard, clock, connectTimeout, HttpTransport.DEFAULT_MAX_RESPONSE_BYTES,
                AnswerBudget.DEFAULT_BYTES);
    }

    /**
     * @param maxResponseBytes a provider answer longer than this fails as {@code SERVER_ERROR} without being read
     * @param answerBudgetBytes the bytes of large answers (beyond each one's free allowance) read at once, in all
     */
    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout, long maxResponseBytes,
            long answerBudgetBytes) {
        this(egressGuard, clock, connectTimeout, maxResponseBytes, answerBudgetBytes, StreamTimeouts.DEFAULT);
    }

    /** @param streamTimeouts the limits of calls of slots that stream (instead of the per-call deadline) */
    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout, long maxResponseBytes,
            long answerBudgetBytes, StreamTimeouts streamTimeouts) {
        HttpTransport transport = new HttpTransport(egressGuard, connectTimeout, maxResponseBytes,
                new AnswerBudget(answerBudgetBytes));
        RetryHints retryHints = new RetryHints(clock);
        CallCredentials credentials = new CallCredentials(transport, clock);
        for (ProviderId provider : ProviderId.values()) {
            byProvider.put(provider, new WireClient(WireFormats.of(provider), transport, retryHints, credentials,
                    streamTimeouts, maxResponseBytes));
        }
    }

    @Override
    public ProviderResult call(ProviderRequest request) {
        if (request.settings().provider() == null) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null, "the slot names no provider");
        }
        String baseUrl = request.settings().effectiveBaseUrl();
        try {
            URI.create(baseUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "the slot has no valid baseUrl");
        }
        return byProvider.get(request.settings().provider()).call(request);
    }
}
