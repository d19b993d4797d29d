package dev.byok.configstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.localstack.Infrastructure;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real broker: the view folds the topic and a caught-up view sees what was written before. */
class ConfigTopicViewTest {

    private static Admin admin;
    private static KafkaProducer<String, byte[]> producer;
    private static Map<String, Object> client;

    @BeforeAll
    static void connect() {
        client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
        admin = Admin.create(client);
        new TopicProvisioner(admin, Optional.empty()).ensure(List.of(TopicSpec.configs(1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        admin.close();
    }

    @Test
    void aCaughtUpViewHoldsEveryWriteMadeBeforeTheCall() throws Exception {
        try (ConfigTopicView view = new ConfigTopicView(client, admin)) {
            view.start();
            assertThat(view.awaitReady(Duration.ofSeconds(30))).isTrue();
            String org = "view-" + UUID.randomUUID().toString().substring(0, 8);

            producer.send(new ProducerRecord<>(Topics.CONFIGS, org, Json.lenient().writeValueAsBytes(event(org, 1, false))))
                    .get();
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

            assertThat(view.find(org)).map(OrgConfigChanged::version).contains(1L);
        }
    }

    @Test
    void anOlderVersionNeverReplacesANewerOneAndAnEmptyConfigMeansNoConfig() throws Exception {
        String org = "order-" + UUID.randomUUID().toString().substring(0, 8);
        for (OrgConfigChanged event : List.of(event(org, 2, false), event(org, 1, false), event(org, 3, true))) {
            producer.send(new ProducerRecord<>(Topics.CONFIGS, org, Json.lenient().writeValueAsBytes(event))).get();
        }
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (ConfigTopicView view = new ConfigTopicView(client, admin)) {
            view.onChange(e -> {
                if (e.orgId().equals(org)) {
                    seen.add(e.version());
                }
            });
            view.start();
            assertThat(view.awaitReady(Duration.ofSeconds(30))).isTrue();

            assertThat(seen).containsExactly(2L, 3L);
            assertThat(view.find(org)).isEmpty();
            assertThat(view.latest(org)).map(OrgConfigChanged::version).contains(3L);
        }
    }

    private static OrgConfigChanged event(String org, long version, boolean empty) {
        dev.byok.model.StoredSlot slot = empty ? null : new dev.byok.model.StoredSlot(null, null, "…", Instant.now());
        return new OrgConfigChanged(1, org, version, slot, null, Instant.now(), UUID.randomUUID().toString());
    }
}
