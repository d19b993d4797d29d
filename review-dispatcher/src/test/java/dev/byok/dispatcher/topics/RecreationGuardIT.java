package dev.byok.dispatcher.topics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A worker that still holds a removed topic would read the topic made again from its old offsets;
 * the guard refuses to make it until the worker lets go. The "worker" here is a plain consumer of
 * the group, subscribed by pattern as the workers are: it lets go only when it polls, so each step
 * is deterministic.
 */
class RecreationGuardIT {

    private final String bootstrap = Infrastructure.kafkaBootstrapServers();

    @Test
    void aRemovedTopicIsMadeAgainOnlyOnceNoWorkerHoldsIt() throws Exception {
        String group = "guard-" + UUID.randomUUID();
        String topic = "byok.tenant.guard-" + UUID.randomUUID().toString().substring(0, 8) + ".main";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<byte[], byte[]> worker = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            RecreationGuard guard = new RecreationGuard(admin, group);
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            worker.subscribe(java.util.regex.Pattern.compile("byok\\.tenant\\.guard-.*"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                worker.poll(Duration.ofMillis(100));
                return worker.assignment().size() == 2;
            });
            assertThatCode(() -> guard.check(List.of(topic))).as("it exists: nothing to make").doesNotThrowAnyException();

            worker.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5)));

            admin.deleteTopics(List.of(topic)).all().get();

            // What the design rests on: the broker forgets a removed topic's committed offsets, so a
            // worker that takes the new topic reads it from its start.
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().keySet().stream().noneMatch(p -> p.topic().equals(topic)));

            assertThatThrownBy(() -> guard.check(List.of(topic))).isInstanceOf(TopicStillHeldException.class)
                    .hasMessageContaining(topic);
            assertThatCode(() -> guard.check(List.of(topic.replace(".main", ".fallback"))))
                    .as("a name no worker holds").doesNotThrowAnyException();

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                worker.poll(Duration.ofMillis(100));
                return worker.assignment().isEmpty();
            });
            assertThatCode(() -> guard.check(List.of(topic))).as("let go").doesNotThrowAnyException();
        }
    }

    @Test
    void aGroupThatDoesNotExistYetHoldsNothing() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThatCode(() -> new RecreationGuard(admin, "nobody-" + UUID.randomUUID())
                    .check(List.of("byok.tenant.new-org.main"))).doesNotThrowAnyException();
        }
    }
}
