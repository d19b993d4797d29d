package dev.byok.model;

/** The answer of GET /api/v1/orgs/{orgId}/byok. */
public record OrgByokView(String orgId, long version, ConfigSource source, SlotView main, SlotView fallback,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Budget budget) {

    public OrgByokView(String orgId, long version, ConfigSource source, SlotView main, SlotView fallback) {
        this(orgId, version, source, main, fallback, null);
    }
}
