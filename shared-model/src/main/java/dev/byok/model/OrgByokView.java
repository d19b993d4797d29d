package dev.byok.model;

/** The answer of GET /api/v1/orgs/{orgId}/byok. */
public record OrgByokView(String orgId, long version, ConfigSource source, SlotView main, SlotView fallback) {
}
