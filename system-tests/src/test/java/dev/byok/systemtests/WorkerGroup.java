package dev.byok.systemtests;

import static org.awaitility.Awaitility.await;

import dev.byok.model.Slot;
import dev.byok.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * The workers' consumer group as the broker sees it. While a worker joins or leaves, every org's
 * reviews wait for the rebalance; a test that measures one org's latency beside another's backlog
 * measures it once the group has settled, not the rebalance itself.
 */
final class WorkerGroup {

    static final String ID = "byok-llm-worker";

    private WorkerGroup() {
    }

    /**
     * Waits until the group is stable with {@code members} workers, every partition of the orgs' main
     * topics is owned, and the assignment stays the same over two looks a few seconds apart (longer
     * than a worker takes to discover a new topic).
     */
    static void awaitSettled(String bootstrap, Set<String> orgIds, int members) {
        Set<String> topics = new HashSet<>();
        orgIds.forEach(org -> topics.add(Topics.tenantTopic(org, Slot.MAIN)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToInt(description -> description.partitions().size()).sum();
            AtomicReference<Map<String, Set<TopicPartition>>> previous = new AtomicReference<>(Map.of());
            await("the worker group settles with " + members + " members").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(3)).until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ID)).describedGroups()
                                .get(ID).get(10, TimeUnit.SECONDS);
                        Map<String, Set<TopicPartition>> owned = new HashMap<>();
                        int assigned = 0;
                        for (MemberDescription member : group.members()) {
                            Set<TopicPartition> ours = new HashSet<>();
                            member.assignment().topicPartitions().stream().filter(tp -> topics.contains(tp.topic()))
                                    .forEach(ours::add);
                            owned.put(member.consumerId(), ours);
                            assigned += ours.size();
                        }
                        boolean settled = group.groupState() == GroupState.STABLE && owned.size() == members
                                && assigned == partitions && owned.equals(previous.get());
                        previous.set(owned);
                        return settled;
                    });
        } catch (Exception e) {
            throw new IllegalStateException("could not describe the worker group", e);
        }
    }
}
