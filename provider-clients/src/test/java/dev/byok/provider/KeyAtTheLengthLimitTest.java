package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.BaseUrls;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import dev.byok.provider.internal.ErrorBody;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider that echoes the key so that the key straddles one of the length limits of error texts
 * (the 100 characters of an attempt's detail, the 200 kept of a message): the key is scrubbed before
 * the text is cut, so not even its first characters survive. The key has no key shape (no
 * {@code sk-} prefix, no long opaque run), so only the exact-match scrub can catch it.
 */
class KeyAtTheLengthLimitTest {

    private static final String KEY = "zebra-quartz-violet-mango-kiwi-plum";
    /** What the old order (cut, then scrub) let through: the start of the key. */
    private static final String KEY_START = KEY.substring(0, 5);

    private static StubServer stub;
    private static ProviderClients clients;
    private static ProviderProbe probe;

    @BeforeAll
    static void start() {
        stub = StubServer.start();
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
        probe = new ProviderProbe(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    /** @param before how many characters of text come before the key in the provider's message */
    @ParameterizedTest(name = "key after {0} characters")
    @ValueSource(ints = {90, 95, 190, 195})
    void aKeyCutByALimitIsScrubbedWhole(int before) {
        stub.answer(401, FailureClassificationTest.openAi("invalid_request_error", "invalid_api_key",
                "x".repeat(before) + KEY + " is not a valid key"));

        ProviderResult call = clients.call(new ProviderRequest(settings(), KEY, AbstractProviderContractTest.MESSAGES,
                Duration.ofSeconds(5)));
        ProbeResult probed = probe.probe(settings(), KEY, Duration.ofSeconds(2));
        ErrorBody body = ErrorBody.parse("{\"error\":{\"message\":\"" + "x".repeat(before) + KEY + "\"}}", KEY);

        assertThat(call).isInstanceOfSatisfying(ProviderResult.Failure.class,
                f -> assertThat(f.detail()).startsWith("HTTP 401").doesNotContain(KEY_START));
        assertThat(probed.message()).contains("rejected the key").doesNotContain(KEY_START);
        assertThat(body.message()).doesNotContain(KEY_START);
        assertThat(body.summary()).doesNotContain(KEY_START);
    }

    private static SlotSettings settings() {
        String baseUrl = stub.rootUrl() + "/v1";
        return new SlotSettings(ProviderId.OPENAI, "gpt-5.4", baseUrl, null, null, 100, ThinkingLevel.OFF, null, null,
                null, BaseUrls.effective(ProviderId.OPENAI, baseUrl));
    }
}
