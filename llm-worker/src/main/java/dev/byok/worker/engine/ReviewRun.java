package dev.byok.worker.engine;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** How running a review under a permit ended. */
public sealed interface ReviewRun {

    /** The review is done with this slot: publish these records with its offset. */
    record Publish(List<ProducerRecord<byte[], byte[]>> records) implements ReviewRun {
    }

    /**
     * The slot's cap changed between asking for the permit and starting the call: the permit was
     * counted against the old cap, so no call is made with it. The review goes back to its queue
     * and asks again under the new cap.
     */
    record CapChanged() implements ReviewRun {
    }
}
