package dev.byok.worker.engine;

import dev.byok.model.Slot;
import dev.byok.worker.permits.PermitKey;

/** One org's slot: the unit of permits, queues and pausing. */
public record LaneKey(String orgId, Slot slot) {

    PermitKey permitKey() {
        return new PermitKey(orgId, slot);
    }
}
