package dev.byok.provider;

import static dev.byok.model.AttemptOutcome.AUTH_FAILED;
import static dev.byok.model.AttemptOutcome.CONTENT_FILTERED;
import static dev.byok.model.AttemptOutcome.INVALID_REQUEST;
import static dev.byok.model.AttemptOutcome.MODEL_NOT_FOUND;
import static dev.byok.model.AttemptOutcome.PAYMENT_REQUIRED;
import static dev.byok.model.AttemptOutcome.RATE_LIMITED;
import static dev.byok.model.AttemptOutcome.SERVER_ERROR;
import static dev.byok.model.ProviderId.ANTHROPIC;
import static dev.byok.model.ProviderId.GOOGLE_GEMINI;
import static dev.byok.model.ProviderId.NOVITA;
import static dev.byok.model.ProviderId.OPENAI;
import static dev.byok.model.ProviderId.OPENAI_COMPATIBLE;
import static dev.byok.model.ProviderId.OPEN_ROUTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Status, headers and error body to attempt outcome and retry hint, per provider, over real HTTP:
 * the one status table plus each provider's quirks (providers.md §9).
 */
class FailureClassificationTest {

    private static StubServer stub;
    private static ProviderClients clients;

    @BeforeAll
    static void start() {
        stub = StubServer.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                row("openai insufficient_quota", OPENAI, 429, Map.of(), openAi("insufficient_quota",
                        "insufficient_quota", "You exceeded your current quota"), PAYMENT_REQUIRED, null),
                row("openai rate limit with retry-after-ms", OPENAI, 429, Map.of("retry-after-ms", "250",
                        "retry-after", "1"), openAi("requests", "rate_limit_exceeded", "Rate limit reached"),
                        RATE_LIMITED, Duration.ofMillis(250)),
                row("openai rate limit with retry-after-ms only", OPENAI, 429, Map.of("retry-after-ms", "750"),
                        openAi("requests", "rate_limit_exceeded", "Rate limit reached"), RATE_LIMITED,
                        Duration.ofMillis(750)),
                row("anthropic rate limit with retry-after-ms only", ANTHROPIC, 429, Map.of("retry-after-ms", "1200"),
                        anthropic("rate_limit_error", "slow down"), RATE_LIMITED, Duration.ofMillis(1200)),
                row("openai request too large", OPENAI, 429, Map.of(), openAi("tokens", "rate_limit_exceeded",
                        "Request too large for gpt-5.4 on tokens per min (TPM): Limit 30000"), INVALID_REQUEST, null),
                row("openai content policy", OPENAI, 400, Map.of(), openAi("invalid_request_error",
                        "content_policy_violation", "flagged"), CONTENT_FILTERED, null),
                row("openai bad key", OPENAI, 401, Map.of(), openAi("invalid_request_error", "invalid_api_key",
                        "Incorrect API key provided"), AUTH_FAILED, null),
                row("openai unknown model", OPENAI, 404, Map.of(), openAi("invalid_request_error",
                        "model_not_found", "The model does not exist"), MODEL_NOT_FOUND, null),
                row("openai 503 with retry-after", OPENAI, 503, Map.of("retry-after", "7"), "{}", SERVER_ERROR,
                        Duration.ofSeconds(7)),
                row("anthropic 529 overloaded", ANTHROPIC, 529, Map.of(), anthropic("overloaded_error", "Overloaded"),
                        SERVER_ERROR, null),
                row("anthropic 403 billing", ANTHROPIC, 403, Map.of(), anthropic("billing_error", "billing"),
                        PAYMENT_REQUIRED, null),
                row("anthropic 403 permission", ANTHROPIC, 403, Map.of(), anthropic("permission_error", "no"),
                        AUTH_FAILED, null),
                row("anthropic low credit balance", ANTHROPIC, 400, Map.of(), anthropic("invalid_request_error",
                        "Your credit balance is too low to access the Anthropic API."), PAYMENT_REQUIRED, null),
                row("anthropic rate limit", ANTHROPIC, 429, Map.of("retry-after", "12"), anthropic(
                        "rate_limit_error", "slow down"), RATE_LIMITED, Duration.ofSeconds(12)),
                row("anthropic too large", ANTHROPIC, 413, Map.of(), anthropic("request_too_large", "big"),
                        INVALID_REQUEST, null),
                row("gemini API_KEY_INVALID", GOOGLE_GEMINI, 400, Map.of(), gemini(400, "INVALID_ARGUMENT",
                        "API key not valid.", "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                                + "\"reason\":\"API_KEY_INVALID\"}"), AUTH_FAILED, null),
                row("gemini bad argument", GOOGLE_GEMINI, 400, Map.of(), gemini(400, "INVALID_ARGUMENT", "bad", null),
                        INVALID_REQUEST, null),
                row("gemini RESOURCE_EXHAUSTED with RetryInfo", GOOGLE_GEMINI, 429, Map.of(), gemini(429,
                        "RESOURCE_EXHAUSTED", "Please retry in 58.2s.", "{\"@type\":\"type.googleapis.com/"
                                + "google.rpc.RetryInfo\",\"retryDelay\":\"58s\"}"), RATE_LIMITED,
                        Duration.ofSeconds(58)),
                row("gemini per-day quota", GOOGLE_GEMINI, 429, Map.of(), gemini(429, "RESOURCE_EXHAUSTED", "quota",
                        "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                                + "\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]}"), PAYMENT_REQUIRED, null),
                row("gemini 503 UNAVAILABLE", GOOGLE_GEMINI, 503, Map.of(), gemini(503, "UNAVAILABLE",
                        "The model is overloaded.", null), SERVER_ERROR, null),
                row("gemini 403 PERMISSION_DENIED", GOOGLE_GEMINI, 403, Map.of(), gemini(403, "PERMISSION_DENIED",
                        "unregistered callers", null), AUTH_FAILED, null),
                row("gemini enable billing", GOOGLE_GEMINI, 400, Map.of(), gemini(400, "FAILED_PRECONDITION",
                        "Gemini API free tier is not available in your country. Please enable billing.", null),
                        PAYMENT_REQUIRED, null),
                row("openrouter 402", OPEN_ROUTER, 402, Map.of(), "{\"error\":{\"code\":402,\"message\":"
                        + "\"Insufficient credits\"}}", PAYMENT_REQUIRED, null),
                row("openrouter moderation", OPEN_ROUTER, 403, Map.of(), "{\"error\":{\"code\":403,\"message\":"
                        + "\"flagged\",\"metadata\":{\"reasons\":[\"violence\"],\"flagged_input\":\"x\"}}}",
                        CONTENT_FILTERED, null),
                row("openrouter 429 Retry-After", OPEN_ROUTER, 429, Map.of("Retry-After", "5"),
                        "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}", RATE_LIMITED,
                        Duration.ofSeconds(5)),
                row("openrouter 502", OPEN_ROUTER, 502, Map.of(), "{\"error\":{\"code\":502,\"message\":\"down\"}}",
                        SERVER_ERROR, null),
                row("z.ai 1302 concurrency", OPENAI_COMPATIBLE, 429, Map.of(), zai("1302", "High concurrency usage"),
                        RATE_LIMITED, null),
                row("z.ai 1303 frequency", OPENAI_COMPATIBLE, 429, Map.of(), zai("1303", "High frequency usage"),
                        RATE_LIMITED, null),
                row("z.ai 1113 arrears", OPENAI_COMPATIBLE, 429, Map.of(), zai("1113", "in arrears"),
                        PAYMENT_REQUIRED, null),
                row("z.ai 1308 plan window", OPENAI_COMPATIBLE, 429, Map.of(), zai("1308",
                        "Usage limit reached for 5 hour. Your limit will reset at 2026-11-26 20:00:00"),
                        PAYMENT_REQUIRED, null),
                row("z.ai 1309 plan expired", OPENAI_COMPATIBLE, 429, Map.of(), zai("1309", "expired"),
                        PAYMENT_REQUIRED, null),
                row("z.ai 1304 daily limit", OPENAI_COMPATIBLE, 429, Map.of(), zai("1304", "daily"),
                        PAYMENT_REQUIRED, null),
                row("z.ai 1002 bad token", OPENAI_COMPATIBLE, 401, Map.of(), zai("1002", "invalid token"),
                        AUTH_FAILED, null),
                row("z.ai 1211 no model", OPENAI_COMPATIBLE, 400, Map.of(), zai("1211", "model does not exist"),
                        MODEL_NOT_FOUND, null),
                row("z.ai 1301 unsafe content", OPENAI_COMPATIBLE, 400, Map.of(), zai("1301", "unsafe"),
                        CONTENT_FILTERED, null),
                row("moonshot engine overloaded", OPENAI_COMPATIBLE, 429, Map.of(), openAi("engine_overloaded_error",
                        null, "The engine is currently overloaded"), SERVER_ERROR, null),
                row("moonshot quota", OPENAI_COMPATIBLE, 403, Map.of(), openAi("exceeded_current_quota_error", null,
                        "exceeded current quota"), PAYMENT_REQUIRED, null),
                row("moonshot rate limit", OPENAI_COMPATIBLE, 429, Map.of(), openAi("rate_limit_reached_error", null,
                        "TPM"), RATE_LIMITED, null),
                row("kimi code access terminated", OPENAI_COMPATIBLE, 403, Map.of(), openAi(
                        "access_terminated_error", null, "only available for Coding Agents"), AUTH_FAILED, null),
                row("kimi code usage limit", OPENAI_COMPATIBLE, 429, Map.of(), openAi("rate_limit_reached_error",
                        null, "You've reached your usage limit for this billing cycle"), PAYMENT_REQUIRED, null),
                row("vllm bare string error", OPENAI_COMPATIBLE, 401, Map.of(), "{\"error\":\"Unauthorized\"}",
                        AUTH_FAILED, null),
                row("novita balance", NOVITA, 403, Map.of(), "{\"code\":403,\"reason\":\"NOT_ENOUGH_BALANCE\","
                        + "\"message\":\"not enough balance\"}", PAYMENT_REQUIRED, null),
                row("novita rate limit", NOVITA, 429, Map.of(), "{\"code\":429,\"reason\":\"RATE_LIMIT_EXCEEDED\"}",
                        RATE_LIMITED, null),
                row("an HTML error page", OPENAI_COMPATIBLE, 502, Map.of(), "<html>Bad gateway</html>", SERVER_ERROR,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void anErrorAnswerMapsToItsOutcomeAndRetryHint(String name, ProviderId provider, int status,
            Map<String, String> headers, String body, AttemptOutcome outcome, Duration retryAfter) {
        stub.answer(status, headers, body);

        ProviderResult result = call(provider);

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(outcome);
            assertThat(f.httpStatus()).isEqualTo(status);
            assertThat(f.retryAfter()).isEqualTo(retryAfter);
            assertThat(f.detail()).startsWith("HTTP " + status);
        });
    }

    static ProviderResult call(ProviderId provider) {
        SlotSettings settings = new SlotSettings(provider, "m-1", null, null, null, 100, ThinkingLevel.OFF, null, null,
                null, stub.rootUrl() + "/v1");
        return clients.call(new ProviderRequest(settings, "sk-test-classify-0123456789",
                AbstractProviderContractTest.MESSAGES, Duration.ofSeconds(5)));
    }

    private static Arguments row(String name, ProviderId provider, int status, Map<String, String> headers,
            String body, AttemptOutcome outcome, Duration retryAfter) {
        return Arguments.of(name, provider, status, headers, body, outcome, retryAfter);
    }

    static String openAi(String type, String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static String anthropic(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_1\"}";
    }

    private static String gemini(int code, String status, String message, String detail) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\""
                + (detail == null ? "" : ",\"details\":[" + detail + "]") + "}}";
    }

    private static String zai(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
