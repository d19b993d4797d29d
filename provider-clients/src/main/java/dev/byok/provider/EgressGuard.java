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
 * link-local (where cloud metadata services live) and the like are refused unless the operator
 * lists them in {@code BYOK_EGRESS_ALLOW} (self-hosted models, tests). Hosts that are not listed
 * must use https. The check runs at save time and again before each call, because DNS can change
 * in between.
 */
public final class EgressGuard {

    // IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) need no entry: the JDK resolves them to IPv4.
    private static final List<Cidr> FORBIDDEN = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"),
            Cidr.parse("fe80::/10"), Cidr.parse("ff00::/8"), Cidr.parse("fd00:ec2::254/128"));

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
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            return EgressDecision.unresolved("host " + bareHost + " cannot be resolved");
        }
        boolean allAllowListed = addresses.length > 0;
        for (InetAddress address : addresses) {
            boolean listed = allowedRanges.stream().anyMatch(r -> r.contains(address));
            allAllowListed &= listed;
            if (!listed && FORBIDDEN.stream().anyMatch(r -> r.contains(address))) {
                return EgressDecision.denied("baseUrl host " + bareHost + " resolves to a private, loopback or "
                        + "link-local address; an operator must allow it in BYOK_EGRESS_ALLOW");
            }
        }
        if (!allAllowListed && !scheme.equals("https")) {
            return EgressDecision.denied("baseUrl must use https");
        }
        return EgressDecision.ALLOWED;
    }

    /** Name resolution, injectable so tests need no DNS. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The verdict; {@code unresolved} hosts are not refused at save time (the worker's network may know them). */
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
