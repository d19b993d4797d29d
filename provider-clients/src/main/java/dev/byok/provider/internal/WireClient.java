package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.Json;
import dev.byok.model.SlotSettings;
import dev.byok.provider.LlmProvider;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.RuleError;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.internal.rules.WirePlanner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The I/O shell every provider shares: plan the request with the slot rules, make exactly one HTTP
 * call, read the answer or classify the failure, and scrub the key from whatever detail leaves
 * (error bodies are scrubbed as they are read, before anything shortens them, and the detail once more
 * at the end).
 * A plan the rules refuse is never sent.
 */
public final class WireClient implements LlmProvider {

    private final WireFormat format;
    private final HttpTransport transport;
    private final FailureClassifier classifier;

    public WireClient(WireFormat format, HttpTransport transport, RetryHints retryHints) {
        this.format = format;
        this.transport = transport;
        this.classifier = new FailureClassifier(format.errorRules(), retryHints);
    }

    @Override
    public ProviderResult call(ProviderRequest request) {
        return Secrets.scrub(send(request), request.apiKey());
    }

    private ProviderResult send(ProviderRequest request) {
        SlotSettings settings = request.settings();
        WirePlan plan = WirePlanner.plan(settings);
        if (!plan.errors().isEmpty()) {
            RuleError first = plan.errors().getFirst();
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "slot settings refused: " + first.field() + " " + first.message());
        }
        byte[] body = Json.lenient().writeValueAsBytes(format.body(settings, plan, request.messages()));
        Map<String, String> headers = new LinkedHashMap<>(format.authHeaders(request.apiKey()));
        headers.putAll(plan.headers());
        RawResponse response;
        try {
            response = transport.post(format.endpoint(settings), headers, body, request.timeout());
        } catch (TransportFailure e) {
            return new ProviderResult.Failure(e.outcome(), null, null, e.getMessage());
        } catch (IllegalArgumentException e) {
            // The JDK refuses header values with control characters; its message may quote the value.
            return new ProviderResult.Failure(AttemptOutcome.INVALID_REQUEST, null, null,
                    "the request could not be built: the key or a header option has characters HTTP does not allow");
        }
        return response.isSuccess() ? format.read(response) : classifier.classify(response, request.apiKey());
    }
}
