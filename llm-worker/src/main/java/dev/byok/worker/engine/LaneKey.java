package dev.byok.worker.engine;

import dev.byok.model.Slot;

/** One org's slot: the unit of queues, turns and pausing on a worker. */
public record LaneKey(String orgId, Slot slot) {
}
