package dev.byok.dispatcher.backlog;

import dev.byok.model.Slot;
import dev.byok.model.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The backlog of each org and slot from three sets of offsets of the tenant topics: where each
 * partition ends, where it starts (retention may have removed the oldest records), and where the
 * workers' group has committed. A partition the group never committed counts from its start.
 *
 * <p>Every record of a tenant topic is written in a transaction (by the dispatcher, or by a worker
 * moving a review on), and each committed transaction ends with a marker that takes an offset but
 * is no review. The workers' committed offset stops before the last marker, so a drained partition
 * is one offset short of its end: that last marker is not counted. A backlog written in several
 * transactions still counts their other markers, so the figure can be a little high while reviews
 * wait; it is a backlog to watch and scale on, not an exact count, and it is 0 when nothing waits.
 * Pure: tested without Kafka.
 */
public final class BacklogFigures {

    /** An org's slot, the key of one backlog figure. */
    public record Lane(String orgId, Slot slot) {
    }

    /** The commit marker that ends every partition of a tenant topic once its last transaction committed. */
    private static final long TRAILING_MARKER = 1;

    private BacklogFigures() {
    }

    /** The records waiting per org and slot; lanes with nothing waiting are left out. */
    public static Map<Lane, Long> waiting(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> committed) {
        Map<Lane, Long> waiting = new HashMap<>();
        ends.forEach((partition, end) -> {
            Optional<Topics.TenantTopic> tenant = Topics.parseTenantTopic(partition.topic());
            if (tenant.isEmpty()) {
                return;
            }
            long from = Math.max(committed.getOrDefault(partition, 0L), starts.getOrDefault(partition, 0L));
            long behind = Math.max(0, end - from - TRAILING_MARKER);
            if (behind > 0) {
                waiting.merge(new Lane(tenant.get().orgId(), tenant.get().slot()), behind, Long::sum);
            }
        });
        return waiting;
    }
}
