package dev.byok.worker.engine;

import dev.byok.model.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the engine does when partitions come and go (called on the poll thread, inside a poll): a
 * revoked partition publishes what is finished while it is still ours, then is forgotten; an
 * assigned one gets a new epoch and, if its lane here is over its byte threshold (or the worker
 * drains), is paused before the very next fetch, because Kafka forgets the pause of a partition
 * that moves. A lane paused only for its count of reviews lets the newcomer fetch its share first
 * ({@link PausePolicy#partitionPaused}), so that the partition has a turn to take.
 */
final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Publishing publishing;
    private final PartitionLedger ledger;
    private final Intake intake;
    private final Pauses pauses;
    private final EngineStats stats;
    private final BooleanSupplier draining;

    Rebalance(KafkaConsumer<byte[], byte[]> consumer, Publishing publishing, PartitionLedger ledger, Intake intake,
            Pauses pauses, EngineStats stats, BooleanSupplier draining) {
        this.consumer = consumer;
        this.publishing = publishing;
        this.ledger = ledger;
        this.intake = intake;
        this.pauses = pauses;
        this.stats = stats;
        this.draining = draining;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // The rest is served again by their next owner.
        publishing.flush(consumer.groupMetadata());
        partitions.forEach(intake::dropPartition);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(intake::dropPartition);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        List<TopicPartition> toPause = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            ledger.assigned(tp);
            Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(tp.topic());
            if (draining.getAsBoolean() || tenant.isPresent()
                    && pauses.holdsEveryPartition(new LaneKey(tenant.get().orgId(), tenant.get().slot()))) {
                toPause.add(tp);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            stats.repausedOnAssignment.add(toPause.size());
        }
    }
}
