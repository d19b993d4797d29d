package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.ChatMessage;
import dev.byok.model.FinishReason;
import dev.byok.model.MessageRole;
import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider adapter passes, over real HTTP against the simulator speaking that
 * provider's format: answers, usage, cut-short answers, every failure family, retry hints, the
 * probe, and keys never leaking into details.
 */
abstract class AbstractProviderContractTest {

    static final List<ChatMessage> MESSAGES = List.of(new ChatMessage(MessageRole.SYSTEM, "You review code."),
            new ChatMessage(MessageRole.USER, "diff --git a/x b/x"));

    static ProviderSimulator simulator;
    static ProviderClients clients;
    static ProviderProbe probe;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start();
        EgressGuard guard = EgressGuard.fromAllowList("127.0.0.1");
        clients = new ProviderClients(guard, Clock.systemUTC(), Duration.ofSeconds(2));
        probe = new ProviderProbe(guard, Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    abstract ProviderId provider();

    /** The path part of the provider's production base URL. */
    abstract String basePath();

    abstract String model();

    SlotSettings settings(ThinkingLevel thinking, Map<String, Object> customOptions) {
        return new SlotSettings(provider(), model(), null, null, null, 1000, thinking, customOptions, null, null,
                simulator.rootUrl() + basePath());
    }

    ProviderResult call(String key) {
        return clients.call(new ProviderRequest(settings(ThinkingLevel.OFF, null), key, MESSAGES,
                Duration.ofSeconds(5)));
    }

    String key(String name) {
        return "sk-test-" + provider().wire() + "-" + name + "-0123456789";
    }

    @Test
    void anAnswerIsReadWithItsTextFinishReasonAndUsage() {
        String key = key("ok");
        simulator.program(key, KeyBehaviour.ok().withContent("LGTM except the loop."));

        ProviderResult result = call(key);

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Success.class, s -> {
            assertThat(s.content()).isEqualTo("LGTM except the loop.");
            assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(s.usage().inputTokens()).isPositive();
            assertThat(s.usage().outputTokens()).isPositive();
            assertThat(s.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void anAnswerWithoutTextAndALengthFinishIsCutShort() {
        String key = key("empty");
        simulator.program(key, KeyBehaviour.ok().failingAlways(Fault.emptyLength()));

        assertThat(call(key)).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
            assertThat(f.detail()).startsWith("response cut short:");
        });
    }

    @Test
    void anUnparseableAnswerIsCutShort() {
        String key = key("truncated");
        simulator.program(key, KeyBehaviour.ok().failingAlways(Fault.truncated()));

        assertThat(call(key)).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
            assertThat(f.httpStatus()).isEqualTo(200);
            assertThat(f.detail()).startsWith("response cut short:");
        });
    }

    @Test
    void aRateLimitCarriesTheProvidersRetryHint() {
        String key = key("429");
        simulator.program(key, KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(3))));

        assertThat(call(key)).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.RATE_LIMITED);
            assertThat(f.httpStatus()).isEqualTo(429);
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
    }

    @Test
    void aServerErrorIsAServerError() {
        String key = key("500");
        simulator.program(key, KeyBehaviour.ok().failingAlways(Fault.httpError(500, "boom")));

        assertThat(call(key).outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
    }

    @Test
    void anUnknownKeyFailsAuthentication() {
        assertThat(call(key("never-programmed")).outcome()).isEqualTo(AttemptOutcome.AUTH_FAILED);
    }

    @Test
    void aSilentProviderTimesOutAndADroppedConnectionIsANetworkFailure() {
        String hung = key("hang");
        String dropped = key("drop");
        simulator.program(hung, KeyBehaviour.ok().failingAlways(Fault.hang()));
        simulator.program(dropped, KeyBehaviour.ok().failingAlways(Fault.connectionDrop()));

        ProviderResult timedOut = clients.call(new ProviderRequest(settings(ThinkingLevel.OFF, null), hung, MESSAGES,
                Duration.ofMillis(300)));

        assertThat(timedOut.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
        assertThat(call(dropped).outcome()).isEqualTo(AttemptOutcome.NETWORK);
    }

    @Test
    void aKeyEchoedByTheProviderNeverReachesTheDetail() {
        String key = key("echo");
        simulator.program(key, KeyBehaviour.ok().failingAlways(Fault.httpError(401,
                "Incorrect API key provided: " + key + ". You can find your API key at the dashboard.")));

        ProviderResult result = call(key);

        assertThat(result).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.AUTH_FAILED);
            assertThat(f.detail()).doesNotContain(key).doesNotContain("0123456789");
        });
    }

    @Test
    void aKeyThatCannotBeAHeaderFailsTheAttemptWithoutThrowing() {
        ProviderResult result = call("sk-bad\r\nkey");

        assertThat(result.outcome()).isEqualTo(AttemptOutcome.INVALID_REQUEST);
        assertThat(((ProviderResult.Failure) result).detail()).doesNotContain("sk-bad");
    }

    @Test
    void settingsTheRulesRefuseNeverReachTheWire() {
        String key = key("refused");
        simulator.program(key, KeyBehaviour.ok());
        String foreign = provider() == ProviderId.ANTHROPIC ? "openai" : "anthropic";

        ProviderResult result = clients.call(new ProviderRequest(settings(ThinkingLevel.CUSTOM,
                Map.of(foreign, Map.of("x", 1))), key, MESSAGES, Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(AttemptOutcome.INVALID_REQUEST);
        assertThat(((ProviderResult.Failure) result).detail()).contains("customOptions");
        assertThat(simulator.stats(key).requests()).isZero();
    }

    @Test
    void everyThinkingPresetIsAcceptedEndToEnd() {
        String key = key("presets");
        simulator.program(key, KeyBehaviour.ok());
        for (ThinkingLevel level : List.of(ThinkingLevel.OFF, ThinkingLevel.LOW, ThinkingLevel.MEDIUM,
                ThinkingLevel.HIGH)) {
            ProviderResult result = clients.call(new ProviderRequest(settings(level, null), key, MESSAGES,
                    Duration.ofSeconds(5)));
            assertThat(result.outcome()).as(level.wire()).isEqualTo(AttemptOutcome.SUCCESS);
        }
    }

    @Test
    void theProbeFindsAWorkingKeyAndWhetherTheModelIsListed() {
        String listed = key("probe-listed");
        String unlisted = key("probe-unlisted");
        simulator.program(listed, KeyBehaviour.ok().withModels("other", model()));
        simulator.program(unlisted, KeyBehaviour.ok().withModels("other"));

        ProbeResult found = probe.probe(settings(ThinkingLevel.OFF, null), listed, Duration.ofSeconds(2));
        ProbeResult missing = probe.probe(settings(ThinkingLevel.OFF, null), unlisted, Duration.ofSeconds(2));

        assertThat(found.ok()).isTrue();
        assertThat(found.category()).isEqualTo(ProbeCategory.OK);
        assertThat(found.modelListed()).isTrue();
        assertThat(missing.category()).isEqualTo(ProbeCategory.OK);
        assertThat(missing.modelListed()).isFalse();
        assertThat(missing.message()).contains("not in the provider's model list");
        assertThat(simulator.capturedRequests(listed)).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void theProbeReportsAnUnknownKeyAsInvalid() {
        String key = key("probe-unknown");

        ProbeResult result = probe.probe(settings(ThinkingLevel.OFF, null), key, Duration.ofSeconds(2));

        assertThat(result.ok()).isFalse();
        assertThat(result.category()).isEqualTo(ProbeCategory.INVALID_KEY);
        assertThat(result.modelListed()).isNull();
        assertThat(result.message()).doesNotContain(key);
    }
}
