package dev.byok.dispatcher.topics;

import dev.byok.model.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The partitions of the tenant topics, by org, as the brokers describe them now. A topic removed
 * between the listing and the description ({@link TopicRetirement}) is left out, not an error.
 */
public final class TenantPartitions {

    private TenantPartitions() {
    }

    /** Every tenant topic's partitions. */
    public static Map<String, Set<TopicPartition>> byOrg(Admin admin) throws Exception {
        List<String> tenantTopics = new ArrayList<>();
        for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (Topics.parseTenantTopic(topic).isPresent()) {
                tenantTopics.add(topic);
            }
        }
        return byOrg(admin, tenantTopics);
    }

    /** The partitions these tenant topics have now; those that no longer exist are left out. */
    public static Map<String, Set<TopicPartition>> byOrg(Admin admin, Collection<String> tenantTopics) throws Exception {
        Map<String, Set<TopicPartition>> byOrg = new HashMap<>();
        if (tenantTopics.isEmpty()) {
            return byOrg;
        }
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                : admin.describeTopics(tenantTopics).topicNameValues().entrySet()) {
            TopicDescription description;
            try {
                description = topic.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw e;
            }
            String orgId = Topics.parseTenantTopic(topic.getKey()).orElseThrow().orgId();
            for (TopicPartitionInfo info : description.partitions()) {
                byOrg.computeIfAbsent(orgId, org -> new HashSet<>()).add(new TopicPartition(topic.getKey(), info.partition()));
            }
        }
        return byOrg;
    }
}
