package dev.byok.simulator.internal;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How one provider wire format spells requests, answers and errors. Implementations are stateless
 * and pure: JSON in, JSON text out.
 */
interface Dialect {

    /** GLM Coding Plan's wording for business code 1302, used by every dialect's cap rejection. */
    String TOO_MUCH_CONCURRENCY = "Too much concurrency: High concurrency usage of this API, please reduce "
            + "concurrency or contact customer service to increase limits";

    /** Reads model, prompt size and output cap from a parsed request body. */
    Prompt readPrompt(JsonNode body, Route route);

    /** The 200 body for a completion (normal or length-capped). */
    String success(Completion completion);

    /**
     * The completion as this format streams it: whole SSE events, each ending in a blank line, the
     * last one the format's final event. Null when the format is not streamed here (Bedrock).
     */
    default java.util.List<String> streamEvents(Completion completion) {
        return null;
    }

    /**
     * An error body in this format's envelope.
     *
     * @param type the format's error type (Gemini: canonical status), {@code null} for the default
     * @param code error code (Gemini: ErrorInfo reason), may be {@code null}
     */
    String error(int status, String type, String code, String message, long seq);

    /** The 429 rate-limit body; {@code retryAfter} may be {@code null}. */
    String rateLimited(Duration retryAfter, long seq);

    /** The 429 body for a request over the key's concurrency cap. */
    String tooMuchConcurrency(long seq);

    /** The answer to a missing or unknown key (status differs by provider). */
    Reply unauthorized(boolean keyMissing, long seq);

    /** The model-list body for a known key. */
    String modelList(List<String> models, long createdEpochSecond);
}
