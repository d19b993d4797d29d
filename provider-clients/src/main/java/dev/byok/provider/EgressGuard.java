package dev.byok.provider;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a customer's baseUrl may be called, and which addresses a call may connect to. A
 * baseUrl is customer input that our servers connect to, so without a guard it can reach our own
 * network: loopback, private ranges, link-local (where cloud metadata services live), multicast,
 * reserved and documentation ranges are refused unless the operator lists them in
 * {@code BYOK_EGRESS_ALLOW} (self-hosted models, tests). Hosts that are not listed must use https,
 * whether or not they resolve.
 *
 * <p>An IPv6 address that reaches an IPv4 address is judged by the IPv4 address it reaches:
 * IPv4-mapped ({@code ::ffff:0:0/96}), the well-known NAT64 prefix ({@code 64:ff9b::/96}) and 6to4
 * ({@code 2002::/16}). The forms that are deprecated or local by definition are refused whatever
 * they embed: IPv4-compatible ({@code ::/96}), local-use NAT64 ({@code 64:ff9b:1::/48}) and
 * Teredo (inside {@code 2001::/23}).
 *
 * <p>The check and the connection use one resolution: {@link #addressesToConnect} resolves the
 * host once, judges every address, and returns exactly the addresses the HTTP client then
 * connects to, so a DNS answer that changes between the check and the connect (DNS rebinding)
 * cannot lead a call somewhere the guard did not see. {@link #check} is the same judgement for
 * save time, where a host that does not resolve yet is not refused.
 */
public final class EgressGuard {

    private static final List<Cidr> FORBIDDEN = List.of(
            // IPv4: this network, RFC 1918, CGNAT, loopback, link-local, IETF protocol assignments,
            // TEST-NET-1/2/3, the 6to4 relay anycast, benchmarking, multicast, reserved and broadcast
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.88.99.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            // IPv6: unspecified, loopback and IPv4-compatible (::/96), local-use NAT64,
            // discard, IETF protocol assignments (Teredo among them), documentation, ULA,
            // link-local, site-local (deprecated), multicast, the AWS metadata service
            Cidr.parse("::/96"), Cidr.parse("64:ff9b:1::/48"),
            Cidr.parse("100::/64"), Cidr.parse("2001::/23"), Cidr.parse("2001:db8::/32"), Cidr.parse("fc00::/7"),
            Cidr.parse("fe80::/10"), Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"),
            Cidr.parse("fd00:ec2::254/128"));
    /** IPv4-mapped IPv6: the IPv4 address is the last 4 bytes, and a connection goes to it. */
    private static final Cidr IPV4_MAPPED = new Cidr(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);
    /** Well-known NAT64 prefix: the IPv4 address is the last 4 bytes (RFC 6052). */
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    /** 6to4: the IPv4 address is bytes 2 to 5 (RFC 3056). */
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private static final String HTTPS_ONLY = "baseUrl must use https (only hosts an operator lists in "
            + "BYOK_EGRESS_ALLOW may use plain http)";

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedRanges;
    private final HostResolver resolver;

    private EgressGuard(Set<String> allowedHosts, List<Cidr> allowedRanges, HostResolver resolver) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
        this.resolver = resolver;
    }

    /** @param allowList the value of {@code BYOK_EGRESS_ALLOW}: comma-separated hosts and CIDRs, may be blank */
    public static EgressGuard fromAllowList(String allowList) {
        return fromAllowList(allowList, InetAddress::getAllByName);
    }

    /** The same guard with its own name resolution: for tests that control what a name resolves to. */
    public static EgressGuard fromAllowList(String allowList, HostResolver resolver) {
        List<String> entries = allowList == null ? List.of()
                : List.of(allowList.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<Cidr> ranges = new ArrayList<>();
        Set<String> hosts = entries.stream().filter(e -> !Cidr.looksLikeCidr(e))
                .map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        entries.stream().filter(Cidr::looksLikeCidr).forEach(e -> ranges.add(Cidr.parse(e)));
        return new EgressGuard(hosts, List.copyOf(ranges), resolver);
    }

    /** Whether {@code url} may be called now, and if not, why in words a user can act on. */
    public EgressDecision check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return EgressDecision.denied("baseUrl must be an absolute http(s) URL");
        }
        return judge(bare(host), scheme.equals("https")).decision();
    }

    /**
     * The addresses a call to {@code host} may connect to, resolved once and each one checked: the
     * HTTP client connects to these and to nothing else.
     *
     * @throws EgressRefusedException when the host cannot be resolved or any address it resolves to
     *     is refused (a {@link UnknownHostException}, so an HTTP client treats it as a lookup failure)
     */
    /**
     * Whether the operator listed this URL's host in {@code BYOK_EGRESS_ALLOW} (by name, or an IP
     * literal inside a listed range): such a host may stand in for a cloud's own endpoints (a
     * self-hosted gateway, a test server).
     */
    public boolean listed(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress literal = InetAddress.getByName(bare);
            return allowedRanges.stream().anyMatch(r -> r.contains(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public InetAddress[] addressesToConnect(String host, boolean https) throws EgressRefusedException {
        Judgement judgement = judge(bare(host), https);
        if (!judgement.decision().allowed()) {
            throw new EgressRefusedException(judgement.decision());
        }
        return judgement.addresses().clone();
    }

    private Judgement judge(String bareHost, boolean https) {
        boolean hostListed = allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT));
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            // Not in an allowed range either, as far as anyone can tell: the https rule applies.
            return new Judgement(https || hostListed
                    ? EgressDecision.unresolved("host " + bareHost + " cannot be resolved")
                    : EgressDecision.denied(HTTPS_ONLY), new InetAddress[0]);
        }
        if (addresses == null || addresses.length == 0) {
            return new Judgement(EgressDecision.unresolved("host " + bareHost + " resolves to no address"),
                    new InetAddress[0]);
        }
        if (hostListed) {
            return new Judgement(EgressDecision.ALLOWED, addresses);
        }
        boolean allAllowListed = true;
        for (InetAddress address : addresses) {
            boolean listed = isListed(address);
            allAllowListed &= listed;
            if (!listed && isForbidden(address)) {
                return new Judgement(EgressDecision.denied("baseUrl host " + bareHost + " resolves to a private, "
                        + "loopback, link-local or reserved address; an operator must allow it in BYOK_EGRESS_ALLOW"),
                        new InetAddress[0]);
            }
        }
        if (!allAllowListed && !https) {
            return new Judgement(EgressDecision.denied(HTTPS_ONLY), new InetAddress[0]);
        }
        return new Judgement(EgressDecision.ALLOWED, addresses);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private boolean isListed(InetAddress address) {
        if (allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        InetAddress mapped = mappedIpv4(address);
        return mapped != null && allowedRanges.stream().anyMatch(r -> r.contains(mapped));
    }

    /** A forbidden address, or an IPv6 address that reaches a forbidden IPv4 address the operator did not list. */
    private boolean isForbidden(InetAddress address) {
        InetAddress mapped = mappedIpv4(address);
        if (mapped != null) {
            // ::ffff:a.b.c.d is a.b.c.d on the wire: judged exactly as that IPv4 address.
            return FORBIDDEN.stream().anyMatch(r -> r.contains(mapped));
        }
        if (FORBIDDEN.stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        InetAddress embedded = embeddedIpv4(address);
        return embedded != null && !isListed(embedded) && FORBIDDEN.stream().anyMatch(r -> r.contains(embedded));
    }

    /** The IPv4 address of an IPv4-mapped IPv6 address (the JDK usually converts these itself; a resolver may not). */
    static InetAddress mappedIpv4(InetAddress address) {
        // Parsed from text, the JDK turns these into IPv4 addresses itself; built from bytes it may not.
        return address instanceof Inet6Address && IPV4_MAPPED.contains(address) ? ipv4(address.getAddress(), 12) : null;
    }

    /** The IPv4 address a NAT64 or 6to4 address leads to, or null. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (NAT64.contains(address)) {
            return ipv4(address.getAddress(), 12);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return ipv4(address.getAddress(), 2);
        }
        return null;
    }

    private static InetAddress ipv4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Name resolution, injectable so tests decide what a name resolves to (and when it changes). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Judgement(EgressDecision decision, InetAddress[] addresses) {
    }

    /**
     * The verdict. An {@code unresolved} https host is not refused at save time (the worker's network
     * may know it), but is never called: at call time it is a network failure.
     */
    public record EgressDecision(boolean allowed, boolean unresolved, String reason) {
        static final EgressDecision ALLOWED = new EgressDecision(true, false, null);

        static EgressDecision denied(String reason) {
            return new EgressDecision(false, false, reason);
        }

        static EgressDecision unresolved(String reason) {
            return new EgressDecision(false, true, reason);
        }
    }

    /** A connection the guard refused, or to a host it could not resolve; carries the guard's verdict. */
    public static final class EgressRefusedException extends UnknownHostException {

        private final transient EgressDecision decision;

        EgressRefusedException(EgressDecision decision) {
            super(decision.reason());
            this.decision = decision;
        }

        public EgressDecision decision() {
            return decision;
        }
    }
}
