package dev.byok.configservice.status;

import dev.byok.model.OrgByokView;

/**
 * The answer of {@code GET /api/v1/orgs/{orgId}/byok/status}: the org's config as {@code GET .../byok}
 * shows it, and the live state of each slot. {@code liveState} is false, with the reason in
 * {@code liveStateProblem}, when Redis could not be read; the slots' live parts are then null.
 */
public record OrgStatus(OrgByokView config, boolean liveState, String liveStateProblem, SlotStatus main,
        SlotStatus fallback) {
}
