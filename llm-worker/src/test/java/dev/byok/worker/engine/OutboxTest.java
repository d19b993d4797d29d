package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final TopicPartition P0 = new TopicPartition("byok.tenant.acme.main", 0);
    private final PartitionLedger ledger = new PartitionLedger();
    private final Outbox outbox = new Outbox();

    @Test
    void aBatchCarriesTheRecordsAndTheOffsetsThatCommitThemAndOutOfOrderDoneRecordsInTheMetadata() {
        long epoch = own(P0, 10, 11, 12);
        outbox.add(finished(P0, 10, epoch, "a"));
        outbox.add(finished(P0, 12, epoch, "c"));

        Outbox.Batch batch = outbox.nextBatch(ledger);

        assertThat(batch.records()).extracting(ProducerRecord::topic).containsExactly("a", "c");
        OffsetAndMetadata offset = batch.offsets().get(P0);
        assertThat(offset.offset()).as("11 is still open").isEqualTo(11);
        assertThat(offset.metadata()).startsWith(PartitionProgress.METADATA_PREFIX);
        assertThat(outbox.nextBatch(ledger)).as("one transaction at a time").isNull();
    }

    @Test
    void aFailedBatchGoesIntoTheNextOneAndAStaleResultIsDropped() {
        long epoch = own(P0, 10);
        outbox.add(finished(P0, 10, epoch, "a"));
        outbox.nextBatch(ledger);
        outbox.failed();
        outbox.add(finished(P0, 10, epoch - 1, "from an earlier assignment"));

        Outbox.Batch again = outbox.nextBatch(ledger);

        assertThat(again.records()).extracting(ProducerRecord::topic).containsExactly("a");
        assertThat(again.offsets().get(P0).offset()).isEqualTo(11);
        assertThat(outbox.committed(ledger)).isEqualTo(1);
        assertThat(outbox.isEmpty()).isTrue();
    }

    private long own(TopicPartition partition, long... offsets) {
        ledger.assigned(partition);
        ledger.start(partition, null);
        long epoch = -1;
        for (long offset : offsets) {
            epoch = ((PartitionLedger.Serve) ledger.arrived(partition, offset)).epoch();
        }
        return epoch;
    }

    private static Outbox.Finished finished(TopicPartition partition, long offset, long epoch, String topic) {
        return new Outbox.Finished(partition, offset, epoch, List.of(new ProducerRecord<>(topic, new byte[0])));
    }
}
