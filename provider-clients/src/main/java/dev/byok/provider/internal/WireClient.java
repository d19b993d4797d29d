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
import dev.byok.provider.StreamTimeouts;
import dev.byok.provider.internal.auth.CallCredentials;
import dev.byok.provider.internal.stream.SseReader;
import dev.byok.provider.internal.stream.StreamAssembler;
import dev.byok.provider.internal.stream.StreamFailure;
import dev.byok.provider.internal.stream.StreamPlan;
import tools.jackson.databind.node.ObjectNode;
import dev.byok.provider.internal.auth.CredentialFailure;
import java.net.URI;
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

    private final CallCredentials credentials;

    private final StreamTimeouts streamTimeouts;
    private final long maxAnswerChars;

    /**
     * @param maxResponseBytes bounds a streamed answer's text too (characters), as it bounds a buffered body
     */
    public WireClient(WireFormat format, HttpTransport transport, RetryHints retryHints, CallCredentials credentials,
            StreamTimeouts streamTimeouts, long maxResponseBytes) {
        this.streamTimeouts = streamTimeouts;
        this.maxAnswerChars = maxResponseBytes;
        this.format = format;
        this.transport = transport;
        this.credentials = credentials;
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
        ObjectNode json = format.body(settings, plan, request.messages());
        StreamPlan stream = settings.streamed() ? format.streamPlan(settings, json) : null;
        byte[] body = Json.lenient().writeValueAsBytes(json);
        Map<String, String> headers = new LinkedHashMap<>(plan.headers());
        URI endpoint = stream != null ? stream.endpoint() : format.endpoint(settings);
        RawResponse response;
        try {
            headers.putAll(credentials.headers(format, settings, request.apiKey(), "POST", endpoint, plan.headers(),
                    body, request.timeout()));
            if (stream != null) {
                StreamAssembler assembler = stream.assembler().apply(maxAnswerChars);
                response = transport.postStream(endpoint, headers, body, streamTimeouts.idle(), streamTimeouts.total(),
                        new SseReader(assembler));
                return response.isSuccess() ? assembler.finish(response.status())
                        : classifier.classify(response, request.apiKey());
            }
            response = transport.post(endpoint, headers, body, request.timeout());
        } catch (StreamFailure e) {
            return new ProviderResult.Failure(e.outcome(), null, null, e.getMessage());
        } catch (CredentialFailure e) {
            return new ProviderResult.Failure(e.transientFailure() ? AttemptOutcome.NETWORK : AttemptOutcome.AUTH_FAILED,
                    null, null, e.getMessage());
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
