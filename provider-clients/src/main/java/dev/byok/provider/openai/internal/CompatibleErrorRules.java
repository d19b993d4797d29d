package dev.byok.provider.openai.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.internal.ErrorBody;
import dev.byok.provider.internal.ErrorBodyRules;
import java.util.Map;
import java.util.Optional;

/**
 * The quirks of the services behind chat completions (providers.md §4-7, §9). All of them are keyed
 * on the error body, so they are harmless for endpoints that never send them, and they apply to
 * every chat-completions slot (Z.ai and Kimi are reached through openai_compatible with any base URL).
 */
final class CompatibleErrorRules implements ErrorBodyRules {

    /** Z.ai business codes ({@code error.code}, a string); HTTP 429 alone means several unrelated things there. */
    static final Map<String, AttemptOutcome> ZAI_CODES = Map.ofEntries(
            Map.entry("1000", AttemptOutcome.AUTH_FAILED), Map.entry("1001", AttemptOutcome.AUTH_FAILED),
            Map.entry("1002", AttemptOutcome.AUTH_FAILED), Map.entry("1003", AttemptOutcome.AUTH_FAILED),
            Map.entry("1004", AttemptOutcome.AUTH_FAILED),
            Map.entry("1110", AttemptOutcome.AUTH_FAILED), Map.entry("1111", AttemptOutcome.AUTH_FAILED),
            Map.entry("1112", AttemptOutcome.AUTH_FAILED), Map.entry("1121", AttemptOutcome.AUTH_FAILED),
            Map.entry("1220", AttemptOutcome.AUTH_FAILED),
            Map.entry("1113", AttemptOutcome.PAYMENT_REQUIRED), Map.entry("1304", AttemptOutcome.PAYMENT_REQUIRED),
            Map.entry("1308", AttemptOutcome.PAYMENT_REQUIRED), Map.entry("1309", AttemptOutcome.PAYMENT_REQUIRED),
            Map.entry("1310", AttemptOutcome.PAYMENT_REQUIRED),
            Map.entry("1211", AttemptOutcome.MODEL_NOT_FOUND), Map.entry("1221", AttemptOutcome.MODEL_NOT_FOUND),
            Map.entry("1301", AttemptOutcome.CONTENT_FILTERED),
            Map.entry("1302", AttemptOutcome.RATE_LIMITED), Map.entry("1303", AttemptOutcome.RATE_LIMITED),
            Map.entry("1305", AttemptOutcome.RATE_LIMITED),
            Map.entry("1230", AttemptOutcome.SERVER_ERROR), Map.entry("1234", AttemptOutcome.SERVER_ERROR));

    /** Moonshot {@code error.type} and Novita {@code reason} values. */
    static final Map<String, AttemptOutcome> TYPES = Map.of(
            // Moonshot's engine_overloaded_error (429) reports load on Moonshot's own inference engines,
            // not this key exceeding its limits: like a 503, another provider can serve the review now,
            // and counting it against the tenant's rate limit would throttle a key that did nothing wrong.
            "engine_overloaded_error", AttemptOutcome.SERVER_ERROR,
            "exceeded_current_quota_error", AttemptOutcome.PAYMENT_REQUIRED,
            "NOT_ENOUGH_BALANCE", AttemptOutcome.PAYMENT_REQUIRED,
            "INVALID_API_KEY", AttemptOutcome.AUTH_FAILED,
            "MODEL_NOT_FOUND", AttemptOutcome.MODEL_NOT_FOUND,
            "RATE_LIMIT_EXCEEDED", AttemptOutcome.RATE_LIMITED);

    @Override
    public Optional<AttemptOutcome> outcomeFor(int status, ErrorBody body) {
        if (body.code() != null && ZAI_CODES.containsKey(body.code())) {
            return Optional.of(ZAI_CODES.get(body.code()));
        }
        Optional<AttemptOutcome> byType = TYPES.entrySet().stream().filter(e -> body.is(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
        if (byType.isPresent()) {
            return byType;
        }
        if (status == 403 && body.moderation()) {
            return Optional.of(AttemptOutcome.CONTENT_FILTERED); // OpenRouter moderation: the input was flagged
        }
        if ((status == 402 || status == 403 || status == 429) && body.says("usage limit")) {
            return Optional.of(AttemptOutcome.PAYMENT_REQUIRED); // Kimi Code / GLM plan windows: not retryable soon
        }
        return Optional.empty();
    }
}
