package dev.byok.provider;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.RetryHints;
import dev.byok.provider.internal.WireClient;
import dev.byok.provider.internal.WireFormats;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The entry point of the provider boundary: picks the wire format for a slot's provider and checks
 * the egress guard before every call, so a baseUrl whose DNS changed since it was saved cannot
 * reach a private address, and a host the guard cannot resolve is not called at all (a
 * {@code NETWORK} failure). Never throws for a provider failure.
 */
public final class ProviderClients implements LlmProvider {

    private final Map<ProviderId, LlmProvider> byProvider = new EnumMap<>(ProviderId.class);
    private final EgressGuard egressGuard;

    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout) {
        this(egressGuard, clock, connectTimeout, HttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes a provider answer longer than this fails as {@code SERVER_ERROR} without being read */
    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout, long maxResponseBytes) {
        this.egressGuard = egressGuard;
        HttpTransport transport = new HttpTransport(connectTimeout, maxResponseBytes);
        RetryHints retryHints = new RetryHints(clock);
        for (ProviderId provider : ProviderId.values()) {
            byProvider.put(provider, new WireClient(WireFormats.of(provider), transport, retryHints));
        }
    }

    @Override
    public ProviderResult call(ProviderRequest request) {
        if (request.settings().provider() == null) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null, "the slot names no provider");
        }
        String baseUrl = request.settings().effectiveBaseUrl();
        URI root;
        try {
            root = URI.create(baseUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "the slot has no valid baseUrl");
        }
        EgressGuard.EgressDecision egress = egressGuard.check(root);
        if (egress.unresolved()) {
            // Not called: the HTTP client would resolve the name on its own, unchecked.
            return new ProviderResult.Failure(AttemptOutcome.NETWORK, null, null, egress.reason()
                    + "; no call was made");
        }
        if (!egress.allowed()) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "call refused by the egress guard: " + egress.reason());
        }
        return byProvider.get(request.settings().provider()).call(request);
    }
}
