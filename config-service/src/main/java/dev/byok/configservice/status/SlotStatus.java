package dev.byok.configservice.status;

import dev.byok.model.WorkerSlotReport;
import java.time.Instant;
import java.util.List;

/**
 * The live state of one slot across all workers.
 *
 * @param permitsHeld provider calls holding a permit right now, over all workers (0 for a slot without a cap)
 * @param permitLeasesEndAt when each held permit's lease ends
 * @param coolingDownUntil until when the provider asked to wait (a 429 with a retry hint), or null
 * @param workers what each running worker reports of this slot (calls in flight there, paused,
 *     breaker, failures); workers that never served it report nothing
 */
public record SlotStatus(int permitsHeld, List<Instant> permitLeasesEndAt, Instant coolingDownUntil,
        List<WorkerSlotReport> workers) {
}
