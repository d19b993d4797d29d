package dev.byok.worker.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Finished reviews waiting to be published with their offsets, and the one batch being committed.
 * A batch is all that finished since the last one: its records and the offsets that commit them.
 * If its transaction fails nothing of it is visible, so it goes back to the front and is sent again
 * with whatever finished meanwhile. Owned by the poll thread; no I/O.
 */
final class Outbox {

    /** A finished review waiting to be published with its offset. */
    record Finished(TopicPartition partition, long offset, long epoch, List<ProducerRecord<byte[], byte[]>> outputs) {
    }

    /** What one transaction publishes and commits. */
    record Batch(List<Finished> finished, List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    private final List<Finished> waiting = new ArrayList<>();
    private Batch inFlight;

    void add(Finished finished) {
        waiting.add(finished);
    }

    boolean isEmpty() {
        return waiting.isEmpty() && inFlight == null;
    }

    boolean committing() {
        return inFlight != null;
    }

    /** The next batch (stale results dropped), or null if one is being committed or nothing waits. */
    Batch nextBatch(PartitionLedger ledger) {
        if (inFlight != null) {
            return null;
        }
        waiting.removeIf(f -> !ledger.isCurrent(f.partition(), f.epoch()));
        if (waiting.isEmpty()) {
            return null;
        }
        List<Finished> finished = List.copyOf(waiting);
        waiting.clear();
        Map<TopicPartition, List<Long>> doneByPartition = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Finished f : finished) {
            doneByPartition.computeIfAbsent(f.partition(), tp -> new ArrayList<>()).add(f.offset());
            records.addAll(f.outputs());
        }
        inFlight = new Batch(finished, records, ledger.offsetsWith(doneByPartition));
        return inFlight;
    }

    /** The batch in flight was committed: its records are done (where their partition is still ours). */
    int committed(PartitionLedger ledger) {
        Batch batch = inFlight;
        inFlight = null;
        Map<TopicPartition, List<Long>> done = new HashMap<>();
        for (Finished f : batch.finished()) {
            if (ledger.isCurrent(f.partition(), f.epoch())) {
                done.computeIfAbsent(f.partition(), tp -> new ArrayList<>()).add(f.offset());
            }
        }
        done.forEach(ledger::done);
        return batch.finished().size();
    }

    /** The batch in flight failed: nothing of it is visible, it goes into the next one. */
    int failed() {
        Batch batch = inFlight;
        inFlight = null;
        waiting.addAll(0, batch.finished());
        return batch.finished().size();
    }

    void dropPartition(TopicPartition partition) {
        waiting.removeIf(f -> f.partition().equals(partition));
    }
}
