package dev.byok.worker.engine;

import dev.byok.worker.permits.Permit;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What other threads tell the poll thread; the poll thread alone changes the engine's state. */
sealed interface EngineEvent {

    record PermitGranted(LaneKey lane, Permit permit) implements EngineEvent {
    }

    /** No permit in time ({@code storeFailed}: the permit store could not be asked). */
    record PermitNotGranted(LaneKey lane, boolean storeFailed) implements EngineEvent {
    }

    record TaskFinished(LaneKey lane, QueuedReview review, List<ProducerRecord<byte[], byte[]>> outputs)
            implements EngineEvent {
    }
}
