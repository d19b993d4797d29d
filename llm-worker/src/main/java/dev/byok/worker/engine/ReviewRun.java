package dev.byok.worker.engine;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** How running a review under a permit ended. */
public sealed interface ReviewRun {

    /** The review is done with this slot: publish these records with its offset. */
    record Publish(List<ProducerRecord<byte[], byte[]>> records) implements ReviewRun {
    }

    /**
     * The permit cannot be used for a call, so none is made with it, and the review goes back to
     * the head of its queue and asks again: the slot's cap changed between asking for the permit
     * and starting the call (the permit was counted against the old cap), or the permit's lease
     * ran out before the call could start.
     */
    record CapChanged() implements ReviewRun {
    }

    /**
     * A store the review's checks need (Redis, or the config topic) did not answer: no call was made,
     * and the review goes back to the head of its queue while its lane backs off.
     */
    record StoreUnavailable() implements ReviewRun {
    }
}
