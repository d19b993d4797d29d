package dev.byok.provider;

import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.Answers;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.FailureClassifier;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.ProbeVerdicts;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.RetryHints;
import dev.byok.provider.internal.Secrets;
import dev.byok.provider.internal.TransportFailure;
import dev.byok.provider.internal.WireFormat;
import dev.byok.provider.internal.WireFormats;
import dev.byok.provider.internal.auth.CallCredentials;
import dev.byok.provider.internal.auth.CredentialFailure;
import java.util.Map;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Tests a slot's key and base URL with the provider's cheapest metadata call, never an inference:
 * the model list ({@code GET {base}/models}) with the provider's auth header, or for OpenRouter,
 * whose model list is public, {@code GET {base}/key} first and the list after it. The egress guard
 * applies as for real calls. Never throws; the message never contains the key.
 */
public final class ProviderProbe {

    private final HttpTransport transport;
    private final RetryHints retryHints;
    private final Clock clock;
    private final CallCredentials credentials;

    public ProviderProbe(EgressGuard egressGuard, Clock clock, Duration connectTimeout) {
        this.transport = new HttpTransport(egressGuard, connectTimeout);
        this.credentials = new CallCredentials(transport, clock);
        this.retryHints = new RetryHints(clock);
        this.clock = clock;
    }

    /** @param timeout for each HTTP call; keep it short (a few seconds), a save waits for it */
    public ProbeResult probe(SlotSettings settings, String apiKey, Duration timeout) {
        long started = clock.millis();
        ProbeResult found = run(settings, apiKey == null ? "" : apiKey, timeout);
        return new ProbeResult(found.ok(), found.category(), found.httpStatus(),
                Math.max(0, clock.millis() - started), Secrets.scrub(found.message(), apiKey), found.modelListed(),
                found.models());
    }

    private ProbeResult run(SlotSettings settings, String apiKey, Duration timeout) {
        if (settings.provider() == null || settings.effectiveBaseUrl() == null) {
            return new ProbeResult(false, ProbeCategory.UNKNOWN, null, 0, "The slot needs a provider and a base URL.",
                    null);
        }
        try {
            URI.create(settings.effectiveBaseUrl());
        } catch (IllegalArgumentException e) {
            return ProbeVerdicts.refused("it is not a valid URL");
        }
        WireFormat format = WireFormats.of(settings.provider());
        URI keyCheck = format.keyCheck(settings);
        URI first = keyCheck != null ? keyCheck : format.modelList(settings);
        RawResponse answer;
        try {
            answer = transport.get(first, credentials.headers(format, settings, apiKey, "GET", first, Map.of(),
                    new byte[0], timeout), timeout);
        } catch (TransportFailure e) {
            return ProbeVerdicts.network(e);
        } catch (CredentialFailure e) {
            return e.transientFailure() ? new ProbeResult(false, ProbeCategory.NETWORK, null, 0, e.getMessage() + ".", null)
                    : new ProbeResult(false, ProbeCategory.INVALID_KEY, null, 0, "The credential cannot be used: "
                    + e.getMessage() + ".", null);
        } catch (IllegalArgumentException e) {
            return new ProbeResult(false, ProbeCategory.INVALID_KEY, null, 0, "The key contains characters that "
                    + "cannot be sent in an HTTP header (a line break or control character); paste it again.", null);
        }
        if (!answer.isSuccess()) {
            ErrorBody body = ErrorBody.parse(answer.body(), apiKey);
            FailureClassifier classifier = new FailureClassifier(format.errorRules(), retryHints);
            return ProbeVerdicts.failed(answer.status(), body, classifier.outcome(answer.status(), body), first,
                    settings);
        }
        JsonNode json = Answers.parse(answer);
        if (keyCheck == null) {
            List<String> ids = format.modelIds(json);
            return ids == null ? ProbeVerdicts.notAnApi(answer.status(), first)
                    : ProbeVerdicts.ok(answer.status(), settings.model(), ids);
        }
        if (json == null || !json.has("data")) {
            return ProbeVerdicts.notAnApi(answer.status(), first);
        }
        ProbeResult spent = ProbeVerdicts.fromKeyInfo(answer.status(), json);
        return spent != null ? spent : ProbeVerdicts.ok(answer.status(), settings.model(),
                listedModels(format, settings, apiKey, timeout));
    }

    /** The model list when it can be read (OpenRouter's is public; the key is sent to the same host anyway). */
    private List<String> listedModels(WireFormat format, SlotSettings settings, String apiKey, Duration timeout) {
        try {
            URI url = format.modelList(settings);
            RawResponse list = transport.get(url, credentials.headers(format, settings, apiKey, "GET", url, Map.of(),
                    new byte[0], timeout), timeout);
            return list.isSuccess() ? format.modelIds(Answers.parse(list)) : null;
        } catch (TransportFailure | CredentialFailure | IllegalArgumentException e) {
            return null;
        }
    }
}
