package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.BaseUrls;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding, with a resolver the test controls: the first answer for the provider's name is an
 * address the operator allowed (127.0.0.2), every later answer one it did not (127.0.0.1, where a
 * second server listens on the same port). A call connects to the address the guard checked, in
 * one lookup, and keeps the name in the Host header; once the name points somewhere forbidden, no
 * call or probe reaches it. (Before the guard became the client's resolver, the HTTP client looked
 * the name up a second time by itself, so the check and the connection could see different
 * answers.)
 */
class DnsRebindingTest {

    private static final String KEY = "sk-test-rebinding-0123456789abcdef";
    private static final String NAME = "models.rebind.example";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private StubServer allowed;
    private StubServer forbidden;
    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void start() throws UnknownHostException {
        allowed = StubServer.startOn(InetAddress.getByName("127.0.0.2"), 0);
        forbidden = StubServer.startOn(InetAddress.getByName("127.0.0.1"), allowed.port());
        allowed.answer(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}");
        forbidden.answer(200, "{\"choices\":[{\"message\":{\"content\":\"stolen\"},\"finish_reason\":\"stop\"}]}");
    }

    @AfterEach
    void stop() {
        allowed.close();
        forbidden.close();
    }

    @Test
    void theCallConnectsToTheAddressTheGuardCheckedEvenWhenTheNameChangesRightAfter() {
        ProviderClients clients = new ProviderClients(rebindingGuard(), Clock.systemUTC(), TIMEOUT);

        ProviderResult result = clients.call(request());

        assertThat(result).isInstanceOf(ProviderResult.Success.class);
        assertThat(allowed.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.path()).isEqualTo("/v1/chat/completions");
            assertThat(seen.host()).as("the Host header keeps the name").isEqualTo(NAME + ":" + allowed.port());
        });
        assertThat(forbidden.seen()).isEmpty();
        assertThat(lookups).as("one lookup serves both the check and the connection").hasValue(1);
    }

    @Test
    void onceTheNamePointsAtAForbiddenAddressNoCallOrProbeReachesIt() {
        lookups.set(1); // the allowed first answer has been given already
        EgressGuard guard = rebindingGuard();
        ProviderClients clients = new ProviderClients(guard, Clock.systemUTC(), TIMEOUT);
        ProviderProbe probe = new ProviderProbe(guard, Clock.systemUTC(), TIMEOUT);

        ProviderResult call = clients.call(request());
        ProbeResult probed = probe.probe(settings(), KEY, TIMEOUT);

        assertThat(call).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.INVALID_REQUEST);
            assertThat(f.detail()).contains("egress guard");
        });
        assertThat(probed.ok()).isFalse();
        assertThat(probed.message()).contains("may not be called");
        assertThat(forbidden.seen()).isEmpty();
        assertThat(allowed.seen()).isEmpty();
    }

    private EgressGuard rebindingGuard() {
        return EgressGuard.fromAllowList("127.0.0.2/32", host -> {
            if (!host.equals(NAME)) {
                throw new UnknownHostException(host);
            }
            String address = lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1";
            return new InetAddress[] {InetAddress.getByName(address)};
        });
    }

    private ProviderRequest request() {
        return new ProviderRequest(settings(), KEY, AbstractProviderContractTest.MESSAGES, TIMEOUT);
    }

    private SlotSettings settings() {
        String baseUrl = "http://" + NAME + ":" + allowed.port() + "/v1";
        return new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", baseUrl, null, null, 100, ThinkingLevel.OFF,
                null, null, null, BaseUrls.effective(ProviderId.OPENAI_COMPATIBLE, baseUrl));
    }
}
