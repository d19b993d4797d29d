package dev.byok.worker.permits;

import dev.byok.model.Slot;

/**
 * What a permit is counted against: one org's slot. The cap is a setting of the slot (its
 * maxConcurrentRequests), so main and fallback have their own permits even when both point at
 * the same provider account: the fallback keeps serving while main is saturated.
 */
public record PermitKey(String orgId, Slot slot) {

    String redisName(String prefix) {
        return prefix + "permits:{" + orgId + "}:" + slot.wire();
    }
}
