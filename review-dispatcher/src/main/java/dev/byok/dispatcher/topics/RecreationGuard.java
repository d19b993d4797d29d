package dev.byok.dispatcher.topics;

import dev.byok.configstore.kafka.BrokerUnavailableException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Lets a tenant topic be created only when no worker holds a partition of a topic by that name
 * that no longer exists (one removed by {@link TopicRetirement}, on this dispatcher or another).
 * One look at the workers' group per batch that needs topics this dispatcher does not know yet.
 */
public final class RecreationGuard {

    private final Admin admin;
    private final String workerGroup;

    public RecreationGuard(Admin admin, String workerGroup) {
        this.admin = admin;
        this.workerGroup = workerGroup;
    }

    /**
     * @param toCreate names of tenant topics about to be created (or found to exist)
     * @throws TopicStillHeldException when one of them does not exist and a worker still holds it
     */
    public void check(Collection<String> toCreate) {
        if (toCreate.isEmpty()) {
            return;
        }
        try {
            Set<String> held = heldTopics();
            held.retainAll(toCreate);
            if (held.isEmpty()) {
                return;
            }
            held.removeAll(admin.listTopics().names().get(10, TimeUnit.SECONDS));
            if (!held.isEmpty()) {
                throw new TopicStillHeldException("workers still hold partitions of the removed topics " + held
                        + "; they are made again once the workers let go");
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return;
            }
            throw new BrokerUnavailableException("cannot read the workers' group before creating tenant topics: " + e, e);
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("cannot read the workers' group before creating tenant topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while reading the workers' group", e);
        }
    }

    private Set<String> heldTopics() throws ExecutionException, TimeoutException, InterruptedException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(workerGroup)).describedGroups()
                .get(workerGroup).get(10, TimeUnit.SECONDS);
        Set<String> topics = new HashSet<>();
        for (MemberDescription member : group.members()) {
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                topics.add(partition.topic());
            }
        }
        return topics;
    }
}
