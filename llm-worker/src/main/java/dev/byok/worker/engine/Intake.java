package dev.byok.worker.engine;

import dev.byok.configstore.kafka.DeadLetters;
import dev.byok.model.Topics;
import dev.byok.worker.review.NotBeforeHeader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where polled records go: into the lane of their (org, slot), skipped when the committed metadata
 * says they were served already, dead-lettered when their topic is not a tenant topic, and held
 * back while their partition's committed offset is still unknown. Called on the poll thread only.
 */
final class Intake {

    private final PartitionLedger ledger;
    private final LaneScheduler lanes;
    private final Outbox outbox;
    private final EngineStats stats;
    private final List<ConsumerRecord<byte[], byte[]>> unrouted = new ArrayList<>();

    Intake(PartitionLedger ledger, LaneScheduler lanes, Outbox outbox, EngineStats stats) {
        this.ledger = ledger;
        this.lanes = lanes;
        this.outbox = outbox;
        this.stats = stats;
    }

    void polled(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        records.forEach(unrouted::add);
    }

    /** Reads the committed offsets and metadata of newly assigned partitions. */
    void startPartitions(KafkaConsumer<byte[], byte[]> consumer) {
        Set<TopicPartition> fresh = ledger.unstarted();
        if (!fresh.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(fresh);
            fresh.forEach(tp -> ledger.start(tp, committed.get(tp)));
        }
    }

    void route() {
        Iterator<ConsumerRecord<byte[], byte[]>> it = unrouted.iterator();
        while (it.hasNext()) {
            ConsumerRecord<byte[], byte[]> record = it.next();
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            switch (ledger.arrived(tp, record.offset())) {
                case PartitionLedger.NotStarted notYet -> {
                    // kept until the partition's committed offset is known
                }
                case PartitionLedger.NotOwned gone -> it.remove();
                case PartitionLedger.DoneEarlier done -> {
                    it.remove();
                    stats.skippedAsDone.increment();
                }
                case PartitionLedger.Serve serve -> {
                    it.remove();
                    route(record, tp, serve.epoch());
                }
            }
        }
    }

    private void route(ConsumerRecord<byte[], byte[]> record, TopicPartition tp, long epoch) {
        Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(record.topic());
        if (tenant.isEmpty()) {
            outbox.add(new Outbox.Finished(tp, record.offset(), epoch,
                    List.of(DeadLetters.of(record, "not a tenant topic of this version"))));
            return;
        }
        LaneKey key = new LaneKey(tenant.get().orgId(), tenant.get().slot());
        lanes.lane(key).enqueue(new QueuedReview(record, tp, epoch, NotBeforeHeader.read(record.headers())));
    }

    /** Forgets the partition: its next owner serves what was not finished here. */
    void dropPartition(TopicPartition tp) {
        ledger.released(tp);
        lanes.all().forEach(lane -> lane.dropPartition(tp));
        unrouted.removeIf(r -> r.topic().equals(tp.topic()) && r.partition() == tp.partition());
        outbox.dropPartition(tp);
    }
}
