package dev.byok.dispatcher.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class IngressOwnershipTest {

    @Test
    void anOrgsIngressPartitionIsTheOneKafkasProducerPutsItsRequestsOn() {
        for (String orgId : List.of("acme", "Acme", "globex-42", "o", "an-org-with-a-rather-long-identifier")) {
            for (int partitions : new int[] {1, 3, 12}) {
                assertThat(IngressOwnership.partitionOf(orgId, partitions)).as("%s over %d", orgId, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(orgId.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void aDispatcherOwnsAnOrgOnlyWhileItReadsThatPartition() {
        int partition = IngressOwnership.partitionOf("acme", 3);
        TopicPartition ingress = new TopicPartition(Topics.REVIEWS_REQUESTED, partition);
        TopicPartition another = new TopicPartition(Topics.REVIEWS_REQUESTED, (partition + 1) % 3);

        assertThat(IngressOwnership.owns(Set.of(ingress), "acme", 3)).isTrue();
        assertThat(IngressOwnership.owns(Set.of(another), "acme", 3)).isFalse();
        assertThat(IngressOwnership.owns(Set.of(), "acme", 3)).isFalse();
        assertThat(IngressOwnership.owns(Set.of(ingress), "acme", 0)).as("no metadata yet").isFalse();
    }
}
