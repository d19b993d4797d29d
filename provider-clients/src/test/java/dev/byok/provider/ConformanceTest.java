package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.BaseUrls;
import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.rules.ProviderWire;
import dev.byok.localstack.conformance.ConformanceCases;
import dev.byok.localstack.conformance.ServiceAccountKeys;
import dev.byok.localstack.conformance.WireCheck;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every shared conformance case through the real request path: the slot's calls go to the simulator
 * under the case's base path, and what arrives is compared with the case's expected request (method,
 * endpoint, headers, and the JSON body structurally). The save-time rules run on the same slot.
 */
class ConformanceTest {

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
    void everyCaseFileIsFoundAndEachProviderHasItsCases() {
        Map<String, Long> perProvider = ConformanceCases.all().stream().collect(Collectors.groupingBy(
                c -> c.path("slot").path("provider").asString(), TreeMap::new, Collectors.counting()));
        System.out.println("conformance cases per provider: " + perProvider);
        assertThat(perProvider.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(84);
        assertThat(perProvider.keySet()).contains("openai", "anthropic", "google_gemini", "open_router", "novita",
                "openai_compatible", "azure_openai", "google_vertex", "amazon_bedrock");
        List.of("azure_openai", "google_vertex", "amazon_bedrock")
                .forEach(cloud -> assertThat(perProvider.get(cloud)).as(cloud).isGreaterThanOrEqualTo(8));
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
        String caller = apiKey;
        SlotSettings settings = ConformanceCases.settings(testCase,
                simulator.rootUrl() + expected.path("basePath").asString());
        assertThat(BaseUrls.effective(settings.provider(), settings.baseUrl(), settings.cloud())
                + expected.path("endpoint").asString()).as("production URL")
                .isEqualTo(testCase.path("productionUrl").asString().replaceFirst("\\?.*$", ""));
        if (ServiceAccountKeys.serviceAccountCase(testCase)) {
            // A real key is needed to sign the token request; the simulator's tokens stand for its e-mail.
            caller = "conformance-" + testCase.path("id").asString() + "@acme-reviews.iam.gserviceaccount.com";
            apiKey = ServiceAccountKeys.json(caller, "acme-reviews", simulator.rootUrl() + "/token");
        }
        simulator.reset();
        simulator.program(caller, KeyBehaviour.ok());

        ProviderResult result = clients.call(new ProviderRequest(settings, apiKey, ConformanceCases.messages(testCase),
                Duration.ofSeconds(10)));

        assertThat(result).as("simulated answer").isInstanceOf(ProviderResult.Success.class);
        assertThat(WireCheck.differences(testCase, simulator.capturedRequests(caller).getLast())).isEmpty();
        SlotCheck check = SlotRules.check(settings);
        assertThat(check.errors()).isEmpty();
        testCase.path("sdkWarnings").forEach(w -> assertThat(check.warnings()).contains(w.asString()));
    }
}
