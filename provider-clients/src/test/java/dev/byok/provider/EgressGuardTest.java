package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EgressGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "api.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "v6.example.com", "fd00::1",
            "nat64.example.com", "64:ff9b::a9fe:a9fe",
            "public-nat64.example.com", "64:ff9b::5db8:d822");

    private final EgressGuard guard = EgressGuard.fromAllowList("", EgressGuardTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8000/v1", "https://10.0.0.5/v1", "https://192.168.1.1/v1",
            "https://172.16.0.1/v1", "https://169.254.169.254/latest", "https://[::1]/v1", "https://[fd00::1]/v1",
            "https://internal.example.com/v1", "https://metadata.example.com/v1", "https://v6.example.com/v1",
            "https://100.64.0.1/v1", "https://0.0.0.0/v1",
            // reserved and documentation ranges
            "https://192.0.2.10/v1", "https://198.51.100.7/v1", "https://203.0.113.9/v1", "https://198.18.0.1/v1",
            "https://240.0.0.1/v1", "https://255.255.255.255/v1", "https://224.0.0.251/v1", "https://[2001:db8::1]/v1",
            "https://[100::1]/v1", "https://[fec0::1]/v1", "https://[ff02::1]/v1", "https://[::127.0.0.1]/v1",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/v1", "https://[64:ff9b:1::a00:1]/v1",
            // NAT64 and 6to4 addresses that carry a private, loopback or metadata IPv4 address
            "https://[64:ff9b::10.0.0.1]/v1", "https://[64:ff9b::127.0.0.1]/v1", "https://[64:ff9b::a9fe:a9fe]/v1",
            "https://[2002:c0a8:0101::1]/v1", "https://[2002:7f00:1::]/v1", "https://[2002:a9fe:a9fe::1]/v1",
            "https://nat64.example.com/v1"})
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefused(String url) {
        assertThat(guard.check(URI.create(url)).allowed()).as(url).isFalse();
    }

    @Test
    void publicHostsAreAllowedOverHttpsOnly() {
        assertThat(guard.check(URI.create("https://api.example.com/v1")).allowed()).isTrue();
        EgressGuard.EgressDecision plain = guard.check(URI.create("http://api.example.com/v1"));
        assertThat(plain.allowed()).isFalse();
        assertThat(plain.reason()).contains("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[64:ff9b::93.184.216.34]/v1", "https://[2002:5db8:d822::1]/v1",
            "https://public-nat64.example.com/v1", "https://[2606:4700::6810:84e5]/v1"})
    void nat64And6to4AddressesOfPublicHostsAreAllowed(String url) {
        assertThat(guard.check(URI.create(url)).allowed()).as(url).isTrue();
    }

    @Test
    void aNat64AddressOfAnAllowListedIpv4RangeIsAllowedToo() {
        EgressGuard allowing = EgressGuard.fromAllowList("10.0.0.0/8", EgressGuardTest::resolve);

        assertThat(allowing.check(URI.create("https://[64:ff9b::10.1.2.3]/v1")).allowed()).isTrue();
        assertThat(allowing.check(URI.create("https://[64:ff9b::192.168.1.1]/v1")).allowed()).isFalse();
    }

    @Test
    void anUnresolvableHostMustStillUseHttps() {
        EgressGuard.EgressDecision plain = guard.check(URI.create("http://nowhere.example.com/v1"));
        EgressGuard.EgressDecision secure = guard.check(URI.create("https://nowhere.example.com/v1"));

        assertThat(plain.allowed()).isFalse();
        assertThat(plain.unresolved()).as("refused outright, not merely unresolved").isFalse();
        assertThat(plain.reason()).contains("https");
        assertThat(secure.unresolved()).isTrue();
    }

    @Test
    void anOperatorCanAllowHostsAndRangesAndThenPlainHttpIsFine() {
        EgressGuard allowing = EgressGuard.fromAllowList("internal.example.com, 127.0.0.0/8,fd00::/8",
                EgressGuardTest::resolve);

        assertThat(allowing.check(URI.create("http://internal.example.com/v1")).allowed()).isTrue();
        assertThat(allowing.check(URI.create("http://127.0.0.1:11434/v1")).allowed()).isTrue();
        assertThat(allowing.check(URI.create("http://[fd00::1]/v1")).allowed()).isTrue();
        assertThat(allowing.check(URI.create("https://10.0.0.1/v1")).allowed()).isFalse();
    }

    @Test
    void unknownHostsAreReportedAsUnresolvedNotAsForbidden() {
        EgressGuard.EgressDecision decision = guard.check(URI.create("https://nowhere.example.com/v1"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.unresolved()).isTrue();
    }

    @Test
    void onlyHttpAndHttpsUrlsAreConsidered() {
        assertThat(guard.check(URI.create("file:///etc/passwd")).allowed()).isFalse();
        assertThat(guard.check(URI.create("ftp://api.example.com/")).allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.0.1", "0.0.0.0"})
    void anIpv4MappedIpv6AddressIsJudgedAsTheIpv4AddressItReaches(String ipv4) throws UnknownHostException {
        // Built from bytes, as a resolver may hand it over: the JDK keeps it an Inet6Address.
        InetAddress mapped = mapped(ipv4);
        assertThat(mapped).isInstanceOf(java.net.Inet6Address.class);
        EgressGuard judging = EgressGuard.fromAllowList("", host -> new InetAddress[] {mapped});

        assertThat(judging.check(URI.create("https://mapped.example.com/v1")).allowed()).isFalse();
        assertThatThrownBy(() -> judging.addressesToConnect("mapped.example.com", true))
                .isInstanceOf(EgressGuard.EgressRefusedException.class);
    }

    @Test
    void anIpv4MappedAddressOfAPublicOrAllowListedIpv4AddressIsAllowed() throws UnknownHostException {
        InetAddress publicMapped = mapped("93.184.216.34");
        InetAddress listedMapped = mapped("10.1.2.3");

        assertThat(EgressGuard.fromAllowList("", host -> new InetAddress[] {publicMapped})
                .addressesToConnect("api.example.com", true)).containsExactly(publicMapped);
        assertThat(EgressGuard.fromAllowList("10.0.0.0/8", host -> new InetAddress[] {listedMapped})
                .addressesToConnect("internal.example.com", false)).containsExactly(listedMapped);
    }

    @Test
    void theAddressesToConnectToAreExactlyTheOnesResolvedAndCheckedInOneLookup() throws UnknownHostException {
        InetAddress first = InetAddress.getByName("93.184.216.34");
        InetAddress second = InetAddress.getByName("2606:4700::6810:84e5");
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        EgressGuard counting = EgressGuard.fromAllowList("", host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {first, second};
        });

        assertThat(counting.addressesToConnect("api.example.com", true)).containsExactly(first, second);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void oneForbiddenAddressAmongPublicOnesRefusesTheWholeHost() throws UnknownHostException {
        InetAddress[] answer = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};
        EgressGuard mixed = EgressGuard.fromAllowList("", host -> answer);

        assertThatThrownBy(() -> mixed.addressesToConnect("api.example.com", true))
                .isInstanceOf(EgressGuard.EgressRefusedException.class)
                .hasMessageContaining("private, loopback, link-local or reserved");
    }

    @Test
    void plainHttpConnectsOnlyWhenEveryAddressIsAllowListed() throws UnknownHostException {
        EgressGuard publicDns = EgressGuard.fromAllowList("127.0.0.0/8", EgressGuardTest::resolve);

        assertThat(publicDns.addressesToConnect("127.0.0.1", false)).hasSize(1);
        assertThatThrownBy(() -> publicDns.addressesToConnect("api.example.com", false))
                .isInstanceOf(EgressGuard.EgressRefusedException.class).hasMessageContaining("https");
    }

    @Test
    void aHostThatDoesNotResolveIsNeverConnectedTo() {
        assertThatThrownBy(() -> guard.addressesToConnect("nowhere.example.com", true))
                .isInstanceOfSatisfying(EgressGuard.EgressRefusedException.class,
                        e -> assertThat(e.decision().unresolved()).isTrue());
    }

    private static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return java.net.Inet6Address.getByAddress(null, v6, -1);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip != null) {
            return new InetAddress[] {InetAddress.getByName(ip)};
        }
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }
}
