package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.BaseUrls;
import dev.byok.model.ProbeCategory;
import dev.byok.model.ProbeResult;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress guard as calls and probes meet it, over real sockets: a host the guard cannot resolve
 * is never called, plain http is refused for hosts that are not allow-listed even when they do not
 * resolve, and a redirect is never followed, so the key never reaches the server it points to.
 */
class EgressAtCallTimeTest {

    private static final String KEY = "sk-test-egress-0123456789abcdef";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The guard's own DNS: knows no names (as if the record vanished since the slot was saved). */
    private static final EgressGuard GUARD_WITHOUT_DNS = EgressGuard.fromAllowList("127.0.0.0/8", host -> {
        if (Character.isDigit(host.charAt(0))) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    });

    private StubServer first;
    private StubServer second;

    @BeforeEach
    void start() {
        first = StubServer.start();
        second = StubServer.start();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void anHttpsHostTheGuardCannotResolveIsNotCalledAndFailsAsANetworkProblem() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String baseUrl = "https://localhost:" + listening.getLocalPort() + "/v1";
            ProviderClients clients = new ProviderClients(GUARD_WITHOUT_DNS, Clock.systemUTC(), TIMEOUT);
            ProviderProbe probe = new ProviderProbe(GUARD_WITHOUT_DNS, Clock.systemUTC(), TIMEOUT);

            ProviderResult call = clients.call(request(baseUrl));
            ProbeResult probed = probe.probe(settings(baseUrl), KEY, TIMEOUT);

            assertThat(call).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
                assertThat(f.outcome()).isEqualTo(AttemptOutcome.NETWORK);
                assertThat(f.detail()).contains("localhost cannot be resolved", "no call was made");
            });
            assertThat(probed.category()).isEqualTo(ProbeCategory.NETWORK);
            assertThat(probed.message()).contains("cannot be resolved");
            // A connection made by either would be waiting in the backlog: none is.
            listening.setSoTimeout(300);
            assertThatThrownBy(listening::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void plainHttpToAHostThatIsNotAllowListedIsRefusedEvenWhenItDoesNotResolve() {
        String baseUrl = "http://localhost:" + port(first) + "/v1";
        ProviderClients clients = new ProviderClients(GUARD_WITHOUT_DNS, Clock.systemUTC(), TIMEOUT);
        ProviderProbe probe = new ProviderProbe(GUARD_WITHOUT_DNS, Clock.systemUTC(), TIMEOUT);

        ProviderResult call = clients.call(request(baseUrl));
        ProbeResult probed = probe.probe(settings(baseUrl), KEY, TIMEOUT);

        assertThat(call).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.outcome()).isEqualTo(AttemptOutcome.INVALID_REQUEST);
            assertThat(f.detail()).contains("egress guard", "https");
        });
        assertThat(probed.ok()).isFalse();
        assertThat(probed.message()).contains("https");
        assertThat(first.seen()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedByACallOrAProbe() {
        first.answer(302, Map.of("Location", second.rootUrl() + "/v1/chat/completions"), "");
        ProviderClients clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(),
                TIMEOUT);
        ProviderProbe probe = new ProviderProbe(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), TIMEOUT);

        ProviderResult call = clients.call(request(first.rootUrl() + "/v1"));
        ProbeResult probed = probe.probe(settings(first.rootUrl() + "/v1"), KEY, TIMEOUT);

        assertThat(call).isInstanceOfSatisfying(ProviderResult.Failure.class, f -> {
            assertThat(f.httpStatus()).isEqualTo(302);
            assertThat(f.detail()).startsWith("HTTP 302");
        });
        assertThat(probed.ok()).isFalse();
        assertThat(probed.httpStatus()).isEqualTo(302);
        assertThat(first.seen()).hasSize(2);
        assertThat(second.seen()).as("the server the redirect points to").isEmpty();
    }

    private static int port(StubServer stub) {
        return Integer.parseInt(stub.rootUrl().substring(stub.rootUrl().lastIndexOf(':') + 1));
    }

    private static ProviderRequest request(String baseUrl) {
        return new ProviderRequest(settings(baseUrl), KEY, AbstractProviderContractTest.MESSAGES, TIMEOUT);
    }

    private static SlotSettings settings(String baseUrl) {
        return new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", baseUrl, null, null, 100, ThinkingLevel.OFF,
                null, null, null, BaseUrls.effective(ProviderId.OPENAI_COMPATIBLE, baseUrl));
    }
}
