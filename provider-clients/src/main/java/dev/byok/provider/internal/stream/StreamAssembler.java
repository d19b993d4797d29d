package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.FinishReason;
import dev.byok.model.Json;
import dev.byok.model.Usage;
import dev.byok.provider.ProviderResult;
import dev.byok.provider.internal.Answers;
import tools.jackson.databind.JsonNode;

/**
 * Builds one answer from a provider's stream events. Subclasses read their format's events; this
 * class keeps the text (bounded), the usage, the finish reason and whether the final event came.
 */
public abstract class StreamAssembler {

    private final long maxTextChars;
    private final StringBuilder text = new StringBuilder();
    protected Long inputTokens;
    protected Long outputTokens;
    protected Long reasoningTokens;
    /** The part of {@code inputTokens} the provider read from its prompt cache, when it says. */
    protected Long cachedTokens;
    protected FinishReason finish;
    private boolean complete;

    protected StreamAssembler(long maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** One event: its name ({@code ""} when the stream names none) and its data. */
    public abstract void onEvent(String event, String data) throws StreamFailure;

    protected final void append(String delta) throws StreamFailure {
        if (text.length() + delta.length() > maxTextChars) {
            throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "the streamed answer is longer than "
                    + maxTextChars + " characters");
        }
        text.append(delta);
    }

    /** The format's final event arrived: the answer is whole. */
    protected final void completed() {
        complete = true;
    }

    protected static JsonNode json(String data) throws StreamFailure {
        try {
            JsonNode node = Json.lenient().readTree(data);
            if (node == null || !node.isObject()) {
                throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "a streamed event is not a JSON object");
            }
            return node;
        } catch (RuntimeException e) {
            throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "a streamed event is not valid JSON");
        }
    }

    /** The answer once the stream ended: a success only when the final event came. */
    public final ProviderResult finish(int status) {
        if (!complete || finish == null) {
            return new ProviderResult.Failure(AttemptOutcome.TRUNCATED, status, null,
                    "the stream ended without its final event after " + text.length() + " characters");
        }
        return Answers.of(text.toString(), finish, new Usage(inputTokens, outputTokens, reasoningTokens, cachedTokens), status);
    }
}
