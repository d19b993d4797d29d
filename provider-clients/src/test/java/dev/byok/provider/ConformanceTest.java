package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.BaseUrls;
import dev.byok.model.Json;
import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.rules.ProviderWire;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every shared conformance case through the real request path: the slot's calls go to the simulator
 * under the case's base path, and what arrives is compared with the case's expected request (method,
 * endpoint, headers, and the JSON body structurally). The save-time rules run on the same slot.
 */
class ConformanceTest {

    /** Transport headers the cases ignore. */
    private static final Set<String> TRANSPORT = Set.of("user-agent", "accept", "content-length", "connection",
            "host", "accept-encoding", "upgrade", "http2-settings");
    private static final List<String> MAX_TOKEN_FIELDS = List.of("max_tokens", "max_output_tokens",
            "generationConfig.maxOutputTokens");

    private static ProviderSimulator simulator;
    private static ProviderClients clients;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static Stream<Arguments> cases() {
        return ConformanceCases.all().stream().map(c -> Arguments.of(Named.of(c.path("id").asString(), c)));
    }

    @Test
    void allFortyCasesAreFound() {
        assertThat(ConformanceCases.all()).hasSize(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theProviderReceivesExactlyTheExpectedRequest(JsonNode testCase) {
        if (testCase.path("expectSaveRejected").asBoolean()) {
            SlotSettings slot = ConformanceCases.settings(testCase, null);
            SlotCheck check = SlotRules.check(slot);
            assertThat(check.errors()).as("save must be refused").isNotEmpty();
            assertThat(check.errors()).anySatisfy(e -> assertThat(e.field() + " " + e.message())
                    .contains("customOptions", ProviderWire.of(slot.provider()).namespace()));
            return;
        }
        JsonNode expected = testCase.path("expected");
        String apiKey = testCase.path("slot").path("apiKey").asString();
        SlotSettings settings = ConformanceCases.settings(testCase,
                simulator.rootUrl() + expected.path("basePath").asString());
        assertThat(BaseUrls.effective(settings.provider(), settings.baseUrl()) + expected.path("endpoint").asString())
                .as("production URL").isEqualTo(testCase.path("productionUrl").asString());
        simulator.reset();
        simulator.program(apiKey, KeyBehaviour.ok());

        ProviderResult result = clients.call(new ProviderRequest(settings, apiKey, ConformanceCases.messages(testCase),
                Duration.ofSeconds(10)));

        assertThat(result).as("simulated answer").isInstanceOf(ProviderResult.Success.class);
        CapturedRequest sent = simulator.capturedRequests(apiKey).getLast();
        assertThat(sent.method()).isEqualTo(expected.path("method").asString());
        assertThat(sent.path()).isEqualTo(expected.path("basePath").asString() + expected.path("endpoint").asString());
        assertThat(headers(sent)).isEqualTo(expectedHeaders(expected, apiKey));
        JsonNode body = Json.lenient().readTree(sent.body());
        JsonNode want = expected.path("body").deepCopy();
        if (expected.path("maxTokensValueFree").asBoolean()) {
            freeMaxTokens((ObjectNode) want, (ObjectNode) body);
        }
        assertThat(JsonDiff.differences(want, body)).as("body differences").isEmpty();
        SlotCheck check = SlotRules.check(settings);
        assertThat(check.errors()).isEmpty();
        testCase.path("sdkWarnings").forEach(w -> assertThat(check.warnings()).contains(w.asString()));
    }

    /** With no maxTokens in the slot the value is ours, but the field must be there when the case has it. */
    private static void freeMaxTokens(ObjectNode want, ObjectNode body) {
        for (String path : MAX_TOKEN_FIELDS) {
            String[] parts = path.split("\\.");
            JsonNode wantParent = parts.length == 1 ? want : want.path(parts[0]);
            JsonNode bodyParent = parts.length == 1 ? body : body.path(parts[0]);
            String field = parts[parts.length - 1];
            if (wantParent.has(field)) {
                assertThat(bodyParent.path(field).isIntegralNumber() && bodyParent.path(field).asInt() > 0)
                        .as(path + " must be present").isTrue();
                ((ObjectNode) wantParent).remove(field);
            }
            if (bodyParent instanceof ObjectNode parent) {
                parent.remove(field);
            }
        }
    }

    private static Map<String, String> headers(CapturedRequest sent) {
        Map<String, String> out = new TreeMap<>();
        sent.headers().forEach((name, values) -> {
            if (!TRANSPORT.contains(name)) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }

    private static Map<String, String> expectedHeaders(JsonNode expected, String apiKey) {
        Map<String, String> out = new TreeMap<>();
        expected.path("headers").properties().forEach(e -> out.put(e.getKey().toLowerCase(java.util.Locale.ROOT),
                e.getValue().asString().replace("<KEY>", apiKey)));
        return out;
    }
}
