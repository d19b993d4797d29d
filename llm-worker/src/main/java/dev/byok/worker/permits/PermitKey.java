package dev.byok.worker.permits;

import dev.byok.model.Slot;

/**
 * What a permit is counted against: one org's slot. The cap is a setting of the slot (its
 * maxConcurrentRequests), so main and fallback have their own permits even when both point at
 * the same provider account: the fallback keeps serving while main is saturated.
 */
public record PermitKey(String orgId, Slot slot) {

    /**
     * The deployment default is one provider account shared by every org that uses it, so its cap is
     * one cap for all of them, not one per org. The name cannot be an orgId.
     */
    public static PermitKey ofDeploymentDefault(Slot slot) {
        return new PermitKey("~deployment", slot);
    }

    String redisName(String prefix) {
        return prefix + "permits:{" + orgId + "}:" + slot.wire();
    }
}
