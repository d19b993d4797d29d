package dev.byok.provider;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a customer's baseUrl may be called. A baseUrl is customer input that our servers
 * will connect to, so without a guard it can reach our own network: loopback, private ranges,
 * link-local (where cloud metadata services live), multicast, reserved and documentation ranges, and
 * IPv6 addresses that embed a private IPv4 address (NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are refused unless the operator lists them in {@code BYOK_EGRESS_ALLOW}
 * (self-hosted models, tests). Hosts that are not listed must use https, whether or not they
 * resolve. The check runs at save time and again before each call, because DNS can change in
 * between; a host that does not resolve at call time is not called.
 *
 * <p>Known limit: the HTTP client resolves the host again when it connects, so a DNS server that
 * answers a public address to this check and a private one a moment later (DNS rebinding) is not
 * stopped here. Refusing private ranges at the network layer (egress firewall, no route to the
 * metadata service) closes that gap.
 */
public final class EgressGuard {

    // IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) need no entry: the JDK turns them into IPv4 addresses.
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

    static EgressGuard fromAllowList(String allowList, HostResolver resolver) {
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
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
            return EgressDecision.ALLOWED;
        }
        boolean https = scheme.equals("https");
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            // Not in an allowed range either, as far as anyone can tell: the https rule applies.
            return https ? EgressDecision.unresolved("host " + bareHost + " cannot be resolved")
                    : EgressDecision.denied(HTTPS_ONLY);
        }
        boolean allAllowListed = addresses.length > 0;
        for (InetAddress address : addresses) {
            boolean listed = isListed(address);
            allAllowListed &= listed;
            if (!listed && isForbidden(address)) {
                return EgressDecision.denied("baseUrl host " + bareHost + " resolves to a private, loopback, "
                        + "link-local or reserved address; an operator must allow it in BYOK_EGRESS_ALLOW");
            }
        }
        if (!allAllowListed && !https) {
            return EgressDecision.denied(HTTPS_ONLY);
        }
        return EgressDecision.ALLOWED;
    }

    private boolean isListed(InetAddress address) {
        return allowedRanges.stream().anyMatch(r -> r.contains(address));
    }

    /** A forbidden address, or an IPv6 address that carries a forbidden IPv4 address the operator did not list. */
    private boolean isForbidden(InetAddress address) {
        if (FORBIDDEN.stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        InetAddress embedded = embeddedIpv4(address);
        return embedded != null && !isListed(embedded) && FORBIDDEN.stream().anyMatch(r -> r.contains(embedded));
    }

    static InetAddress embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        int from;
        if (NAT64.contains(address)) {
            from = 12;
        } else if (SIX_TO_FOUR.contains(address)) {
            from = 2;
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Name resolution, injectable so tests need no DNS. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
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
}
