package dev.byok.bench.load;

import dev.byok.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;

/**
 * How long the workers' consumer group takes to settle after a worker joins or dies: until the
 * broker reports the group stable, with the expected members, and every tenant partition owned by
 * one of them. (A partition is polled right after its owner's rebalance callback returns, so this
 * is also when every org's reviews flow again.)
 */
final class GroupSettle implements AutoCloseable {

    static final String GROUP = "byok-llm-worker";

    private final Admin admin;

    GroupSettle(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The partitions of every tenant topic that exists now. */
    int tenantPartitions() {
        try {
            List<String> tenantTopics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                    .get(60, TimeUnit.SECONDS).stream().filter(t -> Topics.TENANT_TOPIC_PATTERN.matcher(t).matches())
                    .toList();
            int partitions = 0;
            for (int from = 0; from < tenantTopics.size(); from += 1_000) {
                List<String> chunk = new ArrayList<>(tenantTopics.subList(from, Math.min(from + 1_000, tenantTopics.size())));
                // The dispatcher may remove idle orgs' topics between the listing and this: those count 0.
                for (var described : admin.describeTopics(chunk).topicNameValues().values()) {
                    try {
                        partitions += described.get(60, TimeUnit.SECONDS).partitions().size();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                            throw e;
                        }
                    }
                }
            }
            return partitions;
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the tenant partitions", e);
        }
    }

    /** The tenant partitions each member owns now, summed. */
    private Snapshot look() throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                .get(30, TimeUnit.SECONDS);
        int assigned = 0;
        for (MemberDescription member : group.members()) {
            assigned += (int) member.assignment().topicPartitions().stream()
                    .filter(tp -> Topics.TENANT_TOPIC_PATTERN.matcher(tp.topic()).matches()).count();
        }
        return new Snapshot(group.groupState(), group.members().size(), assigned);
    }

    /**
     * Seconds from {@code sinceNanos} until the group is settled with {@code members} members owning
     * {@code partitions} tenant partitions; NaN when it is not within {@code within}.
     */
    double secondsUntilSettled(long sinceNanos, int members, int partitions, Duration within) {
        return secondsUntilSettled(sinceNanos, members, () -> partitions, within);
    }

    /** The same while topics come and go (idle orgs' removal): the partitions are counted at each look. */
    double secondsUntilSettled(long sinceNanos, int members, java.util.function.IntSupplier partitions, Duration within) {
        long deadline = sinceNanos + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (look().settled(members, partitions.getAsInt())) {
                    return (System.nanoTime() - sinceNanos) / 1e9;
                }
            } catch (Exception e) {
                // the coordinator may be busy with the rebalance itself: look again
            }
            LoadClient.sleep(250);
        }
        return Double.NaN;
    }

    record Snapshot(GroupState state, int members, int assignedPartitions) {

        /** Pure: stable, the members expected, and every partition owned. */
        boolean settled(int expectedMembers, int expectedPartitions) {
            return state == GroupState.STABLE && members == expectedMembers && assignedPartitions == expectedPartitions;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
