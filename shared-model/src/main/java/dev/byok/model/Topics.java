package dev.byok.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every topic name the system uses. The two public topics are fixed by CONTRACTS §3; the others are
 * internal and documented in the README.
 *
 * <p>An orgId becomes part of its tenant topics. Kafka topic names are case-sensitive but their log
 * directories are not on a case-insensitive file system, so {@code Acme} and {@code acme} must not
 * map to names that differ only by case. Each upper-case letter is written as {@code _} followed by
 * the lower-case letter: {@code _} never occurs in an orgId, so the mapping is injective, and the
 * result is all lower case. Because an orgId holds no {@code .} either, two tenant topics can never
 * collide under Kafka's rule that treats {@code .} and {@code _} alike.
 */
public final class Topics {

    /** Ingress: review requests, keyed by orgId. Public. */
    public static final String REVIEWS_REQUESTED = "byok.reviews.requested";
    /** Egress: one outcome per review, keyed by reviewId. Public. */
    public static final String REVIEWS_RESULTS = "byok.reviews.results";
    /** Ingress records that cannot be parsed, with the reason in their headers. */
    public static final String REVIEWS_DEAD_LETTER = "byok.reviews.requested.dlt";
    /** Log-compacted, keyed by orgId: the source of truth of every org's BYOK config. */
    public static final String CONFIGS = "byok.configs";
    /** Every config change, keyed by orgId, with long retention and never compacted: who changed what, when. */
    public static final String AUDIT = "byok.audit";
    /** Budget thresholds crossed, keyed by orgId: what an operator alerts on. */
    public static final String BUDGET_ALERTS = "byok.budget.alerts";

    private static final String TENANT_PREFIX = "byok.tenant.";
    private static final String MAIN_SUFFIX = ".main";
    private static final String FALLBACK_SUFFIX = ".fallback";

    /** Matches every tenant topic, for the worker's pattern subscription. */
    public static final Pattern TENANT_TOPIC_PATTERN =
            Pattern.compile(Pattern.quote(TENANT_PREFIX) + "[a-z0-9_-]+\\.(main|fallback)");

    private Topics() {
    }

    /** The tenant topic that reviews for {@code slot} of {@code orgId} are read from. */
    public static String tenantTopic(String orgId, Slot slot) {
        if (!Identifiers.isValidOrgId(orgId)) {
            throw new IllegalArgumentException("not a valid orgId");
        }
        return TENANT_PREFIX + encodeOrgId(orgId) + (slot == Slot.MAIN ? MAIN_SUFFIX : FALLBACK_SUFFIX);
    }

    /**
     * The org and slot a tenant topic belongs to, or empty if the name is not a tenant topic. Only the
     * canonical name of an org counts ({@code tenantTopic(org, slot)} gives it back exactly): a topic
     * such as {@code byok.tenant._1.main}, which decodes to org {@code 1} but is not that org's topic,
     * belongs to no org, so whoever can create topics cannot open a second door into an org's lane.
     */
    public static Optional<TenantTopic> parseTenantTopic(String topic) {
        if (topic == null || !TENANT_TOPIC_PATTERN.matcher(topic).matches()) {
            return Optional.empty();
        }
        Slot slot = topic.endsWith(MAIN_SUFFIX) ? Slot.MAIN : Slot.FALLBACK;
        String suffix = slot == Slot.MAIN ? MAIN_SUFFIX : FALLBACK_SUFFIX;
        String encoded = topic.substring(TENANT_PREFIX.length(), topic.length() - suffix.length());
        String orgId = decodeOrgId(encoded);
        return Identifiers.isValidOrgId(orgId) && encodeOrgId(orgId).equals(encoded)
                ? Optional.of(new TenantTopic(orgId, slot)) : Optional.empty();
    }

    static String encodeOrgId(String orgId) {
        StringBuilder out = new StringBuilder(orgId.length() + 8);
        for (char c : orgId.toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String decodeOrgId(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                if (i + 1 >= encoded.length()) {
                    return "";
                }
                out.append(Character.toUpperCase(encoded.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An org and slot named by a tenant topic. */
    public record TenantTopic(String orgId, Slot slot) {
    }
}
