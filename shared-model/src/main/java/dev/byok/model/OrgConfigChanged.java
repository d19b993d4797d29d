package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The config-change event: the whole BYOK config of one org after a change, keyed by orgId on the
 * log-compacted config topic. The topic is the source of truth; every service folds it into its
 * own view. {@code version} grows by one with each change of the org. A slot that is null is not
 * configured; an event with both slots null says the org has no config any more.
 * {@code writeId} identifies the write that produced it, so the writer can see its own write land.
 */
public record OrgConfigChanged(
        int schemaVersion,
        String orgId,
        long version,
        StoredSlot main,
        StoredSlot fallback,
        Instant changedAt,
        String writeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget) {

    public static final int SCHEMA_VERSION = 1;

    /** A config without a budget. */
    public OrgConfigChanged(int schemaVersion, String orgId, long version, StoredSlot main, StoredSlot fallback,
            Instant changedAt, String writeId) {
        this(schemaVersion, orgId, version, main, fallback, changedAt, writeId, null);
    }

    /** The same config with other slots, keeping its budget. */
    public OrgConfigChanged withSlots(long nextVersion, StoredSlot main, StoredSlot fallback, Instant at, String nextWriteId) {
        return new OrgConfigChanged(SCHEMA_VERSION, orgId, nextVersion, main, fallback, at, nextWriteId, budget);
    }

    public StoredSlot slot(Slot slot) {
        return slot == Slot.MAIN ? main : fallback;
    }

    /** No slot: the org has no config of its own to serve reviews with (it may still have a budget). */
    public boolean isEmpty() {
        return main == null && fallback == null;
    }
}
