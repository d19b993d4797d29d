package dev.byok.dispatcher.topics;

import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which dispatcher forwards an org's reviews. Requests are keyed by orgId (docs/events.md), and
 * Kafka's default partitioner puts a key on partition {@code murmur2(key) mod partitions}, so all
 * of an org's requests are read by the one dispatcher that owns that ingress partition. Only that
 * dispatcher writes to the org's tenant topics, so only it may remove them: between two of its own
 * batches nobody else is about to write there.
 */
public final class IngressOwnership {

    private IngressOwnership() {
    }

    /** The ingress partition of an org's requests: the same formula as Kafka's default partitioner. */
    public static int partitionOf(String orgId, int ingressPartitions) {
        return Utils.toPositive(Utils.murmur2(orgId.getBytes(StandardCharsets.UTF_8))) % ingressPartitions;
    }

    public static boolean owns(Collection<TopicPartition> assignment, String orgId, int ingressPartitions) {
        return ingressPartitions > 0
                && assignment.contains(new TopicPartition(Topics.REVIEWS_REQUESTED, partitionOf(orgId, ingressPartitions)));
    }
}
