package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.BaseUrls;
import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every probe category (CONTRACTS §2.4) against local servers, over real HTTP and real sockets. */
class ProviderProbeTest {

    private static final String KEY = "sk-proj-probe-abcdefghijklmnop0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static StubServer stub;
    private static ProviderSimulator simulator;
    private static ProviderProbe probe;

    @BeforeAll
    static void start() {
        stub = StubServer.start();
        simulator = ProviderSimulator.start();
        probe = new ProviderProbe(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        stub.close();
        simulator.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(ProviderId.OPENAI_COMPATIBLE, 404, "{\"error\":\"Not Found\"}",
                        ProbeCategory.ENDPOINT_NOT_FOUND, false, "missing /v1"),
                Arguments.of(ProviderId.OPENAI, 401, FailureClassificationTest.openAi("invalid_request_error",
                        "invalid_api_key", "Incorrect API key provided: " + KEY), ProbeCategory.INVALID_KEY, false,
                        "rejected the key"),
                Arguments.of(ProviderId.ANTHROPIC, 403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\"}}",
                        ProbeCategory.INVALID_KEY, false, "rejected the key"),
                Arguments.of(ProviderId.GOOGLE_GEMINI, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
                        + "\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}", ProbeCategory.INVALID_KEY, false,
                        "rejected the key"),
                Arguments.of(ProviderId.NOVITA, 429, "{}", ProbeCategory.RATE_LIMITED, true, "rate limited"),
                Arguments.of(ProviderId.OPENAI_COMPATIBLE, 402, "{}", ProbeCategory.PAYMENT_REQUIRED, false, "credit"),
                Arguments.of(ProviderId.ANTHROPIC, 403, "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\"}}",
                        ProbeCategory.PAYMENT_REQUIRED, false, "credit"),
                Arguments.of(ProviderId.OPENAI, 503, "{}", ProbeCategory.SERVER_ERROR, false, "server error"),
                Arguments.of(ProviderId.OPENAI_COMPATIBLE, 200, "<html>welcome</html>",
                        ProbeCategory.ENDPOINT_NOT_FOUND, false, "base URL is probably wrong"),
                Arguments.of(ProviderId.OPENAI_COMPATIBLE, 400, "{\"error\":{\"message\":\"odd\"}}",
                        ProbeCategory.UNKNOWN, false, "Unexpected answer"));
    }

    @ParameterizedTest(name = "{0} HTTP {1} -> {3}")
    @MethodSource("answers")
    void anAnswerOfTheListEndpointMapsToACategory(ProviderId provider, int status, String body,
            ProbeCategory category, boolean ok, String says) {
        stub.answer(status, body);

        ProbeResult result = probe.probe(settings(provider, stub.rootUrl() + "/v1"), KEY, TIMEOUT);

        assertThat(result.category()).isEqualTo(category);
        assertThat(result.ok()).isEqualTo(ok);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.modelListed()).isNull();
        assertThat(result.latencyMs()).isNotNegative();
        assertThat(result.message()).contains(says).doesNotContain(KEY).doesNotContain("sk-proj");
        assertThat(stub.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("GET");
            assertThat(seen.path()).isEqualTo("/v1/models");
        });
    }

    @Test
    void anInvalidKeyOnAPlanModelSuggestsCheckingTheKeyBelongsToTheChosenPlan() {
        stub.answer(401, "{\"error\":{\"message\":\"invalid api key\"}}");
        SlotSettings glm = settings(ProviderId.OPENAI_COMPATIBLE, stub.rootUrl() + "/v1");
        SlotSettings onPlan = new SlotSettings(glm.provider(), glm.model(), glm.baseUrl(), "glm-5.1-coding-plan",
                null, null, ThinkingLevel.OFF, null, 1, null, glm.effectiveBaseUrl());

        ProbeResult result = probe.probe(onPlan, KEY, TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(result.message()).contains("belongs to the chosen plan ('glm-5.1-coding-plan')")
                .doesNotContain(KEY);
        stub.answer(401, "{\"error\":{\"message\":\"invalid api key\"}}");
        assertThat(probe.probe(glm, KEY, TIMEOUT).message()).contains("belongs to this provider and endpoint")
                .doesNotContain("plan");
    }

    @Test
    void aRefusedConnectionIsANetworkProblem() {
        ProbeResult result = probe.probe(settings(ProviderId.OPENAI_COMPATIBLE, "http://127.0.0.1:1/v1"), KEY, TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.NETWORK);
        assertThat(result.ok()).isFalse();
        assertThat(result.httpStatus()).isNull();
        assertThat(result.message()).contains("refused");
    }

    @Test
    void anUnknownHostIsANetworkProblem() {
        ProbeResult result = probe.probe(settings(ProviderId.OPENAI_COMPATIBLE, "https://no-such-host.invalid/v1"), KEY,
                TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.NETWORK);
        assertThat(result.message()).contains("cannot be resolved");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsANetworkProblem() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            ProbeResult result = probe.probe(settings(ProviderId.OPENAI_COMPATIBLE,
                    "http://127.0.0.1:" + silent.getLocalPort() + "/v1"), KEY, Duration.ofMillis(300));

            assertThat(result.category()).isEqualTo(ProbeCategory.NETWORK);
            assertThat(result.message()).contains("no complete answer within 0.3 s");
        }
    }

    @Test
    void aKeyThatCannotBeAHeaderIsReportedNotThrown() {
        ProbeResult result = probe.probe(settings(ProviderId.OPENAI, stub.rootUrl() + "/v1"), "sk-abc\nxyz", TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(result.message()).doesNotContain("sk-abc");
    }

    @Test
    void theEgressGuardAppliesToProbesToo() {
        ProviderProbe strict = new ProviderProbe(EgressGuard.fromAllowList(""), Clock.systemUTC(), TIMEOUT);
        stub.answer(200, "{\"data\":[]}");

        ProbeResult result = strict.probe(settings(ProviderId.OPENAI_COMPATIBLE, stub.rootUrl() + "/v1"), KEY, TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.category()).isEqualTo(ProbeCategory.NETWORK);
        assertThat(result.message()).contains("BYOK_EGRESS_ALLOW");
        assertThat(stub.seen()).isEmpty();
    }

    @Test
    void openRouterChecksTheKeyThenReadsThePublicModelList() {
        String key = "sk-or-v1-probe-0123456789";
        simulator.program(key, KeyBehaviour.ok().withModels("moonshotai/kimi-k2.5"));

        ProbeResult result = probe.probe(settings(ProviderId.OPEN_ROUTER, simulator.rootUrl() + "/api/v1"), key,
                TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.OK);
        assertThat(result.modelListed()).isTrue();
        assertThat(simulator.capturedRequests(key)).extracting(CapturedRequest::path)
                .containsExactly("/api/v1/key", "/api/v1/models");
    }

    @Test
    void openRouterRejectsAnUnknownKeyAtTheKeyEndpoint() {
        ProbeResult result = probe.probe(settings(ProviderId.OPEN_ROUTER, simulator.rootUrl() + "/api/v1"),
                "sk-or-v1-unknown-0123456789", TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(result.httpStatus()).isEqualTo(401);
    }

    @Test
    void openRouterWithASpentCreditLimitNeedsPayment() {
        stub.answer(200, "{\"data\":{\"label\":\"ci\",\"limit\":10,\"limit_remaining\":0}}");

        ProbeResult result = probe.probe(settings(ProviderId.OPEN_ROUTER, stub.rootUrl() + "/api/v1"), KEY, TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.PAYMENT_REQUIRED);
        assertThat(result.ok()).isFalse();
    }

    @Test
    void openRouterWithoutAReadableModelListLeavesModelListedOpen() {
        stub.answer(200, "{\"data\":{\"label\":\"ci\",\"limit_remaining\":null}}");

        ProbeResult result = probe.probe(settings(ProviderId.OPEN_ROUTER, stub.rootUrl() + "/api/v1"), KEY, TIMEOUT);

        assertThat(result.category()).isEqualTo(ProbeCategory.OK);
        assertThat(result.modelListed()).isNull();
    }

    @Test
    void eachProviderProbesWithItsOwnAuthHeaders() {
        String key = "sk-ant-probe-0123456789";
        simulator.program(key, KeyBehaviour.ok().withModels("claude-sonnet-4-6"));

        probe.probe(settings(ProviderId.ANTHROPIC, simulator.rootUrl() + "/v1"), key, TIMEOUT);

        CapturedRequest sent = simulator.capturedRequests(key).getFirst();
        assertThat(sent.header("x-api-key")).isEqualTo(key);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.path()).isEqualTo("/v1/models?limit=1000");
    }

    @Test
    void geminiKeepsTheKeyOutOfTheUrl() {
        String key = "AIzaSyProbe0123456789abcdefghij";
        simulator.program(key, KeyBehaviour.ok().withModels("gemini-3.1-pro-preview-customtools"));

        ProbeResult result = probe.probe(settings(ProviderId.GOOGLE_GEMINI, simulator.rootUrl() + "/v1beta"), key,
                TIMEOUT);

        assertThat(result.modelListed()).isTrue();
        CapturedRequest sent = simulator.capturedRequests(key).getFirst();
        assertThat(sent.path()).doesNotContain(key);
        assertThat(sent.header("x-goog-api-key")).isEqualTo(key);
    }

    private static SlotSettings settings(ProviderId provider, String baseUrl) {
        String model = switch (provider) {
            case ANTHROPIC -> "claude-sonnet-4-6";
            case GOOGLE_GEMINI -> "gemini-3.1-pro-preview-customtools";
            case OPEN_ROUTER -> "moonshotai/kimi-k2.5";
            default -> "glm-5.1";
        };
        return new SlotSettings(provider, model, baseUrl, null, null, null, ThinkingLevel.OFF, null, null, null,
                BaseUrls.effective(provider, baseUrl));
    }

}
