package dev.byok.dispatcher.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A partition is drained when the workers' group has committed past every review in it, which is
 * not the same as "committed offset = end offset" once transactions write commit markers and
 * aborted records. Each case is a partition in one of those states, written as the services write.
 */
class DrainCheckIT {

    private final String bootstrap = Infrastructure.kafkaBootstrapServers();
    private final String group = "drain-" + UUID.randomUUID();
    private final TopicPartition partition = new TopicPartition("byok.tenant.drain-" + UUID.randomUUID().toString()
            .substring(0, 8) + ".main", 0);

    @Test
    void aReviewNotYetCommittedKeepsThePartitionAndItsCommitThroughATransactionDrainsIt() throws Exception {
        try (Admin admin = admin(); DrainCheck check = new DrainCheck(admin, group, Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<byte[], byte[]> producer = transactional()) {
            assertThat(check.waiting(Set.of(partition))).as("empty").isEmpty();
            assertThat(check.waiting(Set.of())).isEmpty();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), 0, null, new byte[] {1}));
            producer.flush();
            assertThat(check.waiting(Set.of(partition))).extractingByKey(partition).asString()
                    .contains("transaction is open");
            producer.commitTransaction();

            assertThat(afterTheMarkers(check)).get().asString().contains("a review waits", "offset 0");

            // The worker commits the offset after the record (1); the commit marker sits there.
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(1))).all().get();
            assertThat(check.waiting(Set.of(partition))).isEmpty();
        }
    }

    @Test
    void anAbortedWriteIsNoReviewToWaitFor() throws Exception {
        try (Admin admin = admin(); DrainCheck check = new DrainCheck(admin, group, Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<byte[], byte[]> producer = transactional()) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), 0, null, new byte[] {1}));
            producer.flush();
            producer.abortTransaction();

            assertThat(afterTheMarkers(check)).isEmpty();
        }
    }

    @Test
    void ofManyPartitionsCheckedAtOnceOnlyThoseWithAReviewLeftAreReported() throws Exception {
        TopicPartition served = new TopicPartition(partition.topic(), 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                DrainCheck check = new DrainCheck(admin, group, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<byte[], byte[]> producer = transactional()) {
            admin.createTopics(List.of(new NewTopic(partition.topic(), 2, (short) 1))).all().get();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), 0, null, new byte[] {1}));
            producer.send(new ProducerRecord<>(partition.topic(), 1, null, new byte[] {2}));
            producer.commitTransaction();
            admin.alterConsumerGroupOffsets(group, Map.of(served, new OffsetAndMetadata(1))).all().get();

            Map<TopicPartition, String> waiting = await().atMost(Duration.ofSeconds(30))
                    .until(() -> check.waiting(Set.of(partition, served)),
                            w -> w.values().stream().noneMatch(why -> why.contains("transaction is open")));

            assertThat(waiting).containsOnlyKeys(partition);
        }
    }

    /** The markers that end a transaction are written just after the commit or abort returns. */
    private java.util.Optional<String> afterTheMarkers(DrainCheck check) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Optional.ofNullable(
                check.waiting(Set.of(partition)).get(partition)),
                waiting -> waiting.filter(why -> why.contains("transaction is open")).isEmpty());
    }

    private Admin admin() throws Exception {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
        return admin;
    }

    private KafkaProducer<byte[], byte[]> transactional() {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "drain-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        producer.initTransactions();
        return producer;
    }
}
