package dev.byok.worker.engine;

import dev.byok.model.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The I/O shell of the {@link PausePolicy}: which lanes are paused for their backlog, and so which
 * partitions the consumer must not fetch from (those of a paused lane that hold their share of its
 * backlog, those whose open span is too wide, and all of them while draining). Called on the poll
 * thread only.
 */
final class Pauses {

    private final PausePolicy policy;
    private final long maxOpenSpan;
    private final Set<LaneKey> pausedLanes;
    /** Paused lanes over the byte threshold: every partition of theirs stops, a newly assigned one too. */
    private final Set<LaneKey> heldWhole = new HashSet<>();
    private final EngineMetrics metrics;
    private final EngineStats stats;

    Pauses(PausePolicy policy, long maxOpenSpan, Set<LaneKey> pausedLanes, EngineMetrics metrics, EngineStats stats) {
        this.policy = policy;
        this.maxOpenSpan = maxOpenSpan;
        this.pausedLanes = pausedLanes;
        this.metrics = metrics;
        this.stats = stats;
    }

    /** Whether a partition of this lane that has just been assigned must not be fetched from at all. */
    boolean holdsEveryPartition(LaneKey lane) {
        return heldWhole.contains(lane);
    }

    void apply(KafkaConsumer<byte[], byte[]> consumer, LaneScheduler lanes, PartitionLedger ledger, boolean draining) {
        int queued = 0;
        for (Lane lane : lanes.all()) {
            queued += lane.queued();
            if (draining || policy.paused(pausedLanes.contains(lane.key()), lane.queued(), lane.queuedBytes())) {
                if (pausedLanes.add(lane.key())) {
                    metrics.lanePaused(lane.key());
                }
            } else {
                pausedLanes.remove(lane.key());
            }
        }
        pausedLanes.removeIf(key -> lanes.existing(key) == null);
        heldWhole.clear();
        pausedLanes.stream().filter(key -> policy.overBytes(lanes.existing(key).queuedBytes())).forEach(heldWhole::add);
        Map<String, Integer> ownedPerTopic = ledger.ownedPerTopic();
        Set<TopicPartition> wantPaused = draining ? Set.copyOf(ledger.all()) : ledger.toPause(tp -> {
            Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(tp.topic());
            LaneKey key = tenant.map(t -> new LaneKey(t.orgId(), t.slot())).orElse(null);
            if (key == null || !pausedLanes.contains(key)) {
                return false;
            }
            Lane lane = lanes.existing(key);
            return policy.partitionPaused(lane.queued(tp), ownedPerTopic.getOrDefault(tp.topic(), 1), lane.queuedBytes());
        }, maxOpenSpan);
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = wantPaused.stream().filter(tp -> !paused.contains(tp)).toList();
        List<TopicPartition> toResume = paused.stream().filter(tp -> !wantPaused.contains(tp)).toList();
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        stats.pausedPartitions.set(wantPaused.size());
        stats.queued.set(queued);
    }
}
