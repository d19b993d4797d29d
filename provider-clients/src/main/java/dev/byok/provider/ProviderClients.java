package dev.byok.provider;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.provider.internal.ErrorBodyRules;
import dev.byok.provider.internal.FailureClassifier;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.RetryHints;
import dev.byok.provider.openai.internal.ChatCompletionsProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The entry point of the provider boundary: picks the wire format for a slot's provider and checks
 * the egress guard before every call, so a baseUrl whose DNS changed since it was saved cannot
 * reach a private address.
 */
public final class ProviderClients implements LlmProvider {

    private final Map<ProviderId, LlmProvider> byProvider = new EnumMap<>(ProviderId.class);
    private final EgressGuard egressGuard;

    public ProviderClients(EgressGuard egressGuard, Clock clock, Duration connectTimeout) {
        this.egressGuard = egressGuard;
        HttpTransport transport = new HttpTransport(connectTimeout);
        RetryHints retryHints = new RetryHints(clock);
        LlmProvider chat = new ChatCompletionsProvider(transport, new FailureClassifier(ErrorBodyRules.NONE, retryHints));
        byProvider.put(ProviderId.OPENAI_COMPATIBLE, chat);
        byProvider.put(ProviderId.OPEN_ROUTER, chat);
        byProvider.put(ProviderId.NOVITA, chat);
    }

    @Override
    public ProviderResult call(ProviderRequest request) {
        LlmProvider provider = byProvider.get(request.settings().provider());
        if (provider == null) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "provider " + request.settings().provider().wire() + " is not supported by this worker yet");
        }
        EgressGuard.EgressDecision egress = egressGuard.check(URI.create(request.settings().effectiveBaseUrl()));
        if (!egress.allowed() && !egress.unresolved()) {
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null, egress.reason());
        }
        return provider.call(request);
    }
}
