package dev.byok.worker.engine;

import dev.byok.worker.permits.Permit;

/** What other threads tell the poll thread; the poll thread alone changes the engine's state. */
sealed interface EngineEvent {

    /** A permit, taken under the cap (and config version) in {@code caps}. */
    record PermitGranted(LaneKey lane, Permit permit, SlotCaps caps) implements EngineEvent {
    }

    /** No permit in time ({@code storeFailed}: the permit store could not be asked). */
    record PermitNotGranted(LaneKey lane, boolean storeFailed) implements EngineEvent {
    }

    record TaskFinished(LaneKey lane, QueuedReview review, ReviewRun run) implements EngineEvent {
    }

    /** The transaction in flight has ended, committed or not. */
    record CommitEnded() implements EngineEvent {
    }
}
