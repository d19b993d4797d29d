package dev.byok.dispatcher.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.Infrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The backlog meter and the removal both list tenant partitions while topics are being removed. */
class TenantPartitionsIT {

    @Test
    void aTopicRemovedBeforeItIsDescribedIsLeftOutNotAnError() throws Exception {
        String org = "tp-" + UUID.randomUUID().toString().substring(0, 8);
        String main = "byok.tenant." + org + ".main";
        String gone = "byok.tenant." + org + ".fallback";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(main, 2, (short) 1))).all().get();

            Map<String, java.util.Set<TopicPartition>> byOrg = TenantPartitions.byOrg(admin, List.of(main, gone));

            assertThat(byOrg).containsOnlyKeys(org);
            assertThat(byOrg.get(org)).containsExactlyInAnyOrder(new TopicPartition(main, 0), new TopicPartition(main, 1));
            assertThat(TenantPartitions.byOrg(admin)).containsKey(org);
        }
    }
}
