package dev.byok.configstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configstore.kafka.TopicProvisioner;
import dev.byok.configstore.kafka.TopicSpec;
import dev.byok.localstack.Infrastructure;
import dev.byok.model.EncryptedKey;
import dev.byok.model.Json;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
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

    /**
     * Records that config-service could never have written, each followed by nothing else: every one
     * is skipped and counted, and the view reads on to the valid config written after them.
     */
    @Test
    void hostileRecordsAreSkippedAndCountedAndNeverStopTheView() throws Exception {
        String org = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        OrgConfigChanged good = event(org, 1, false);
        String json = new String(Json.lenient().writeValueAsBytes(good), java.nio.charset.StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> hostile = List.of(
                record(org, "{not json"),
                record(org, "null"),
                record(org, "[]"),
                record(org, json.replace("\"orgId\":\"" + org + "\"", "\"orgId\":null")),
                record("someone-else", json),
                record(org, json.replace("\"version\":1", "\"version\":0")),
                record(org, json.replace("\"version\":1", "\"version\":9223372036854775807")),
                record(org, json.replace("\"schemaVersion\":1", "\"schemaVersion\":7")),
                record(org, Json.lenient().writeValueAsString(new OrgConfigChanged(1, org, 1,
                        new StoredSlot(good.main().settings(), null, "…", Instant.now()), null, Instant.now(), "w"))),
                record(org, json.replace("https://api.openai.com/v1", "ftp://api.openai.com/v1")),
                record(org.toUpperCase(java.util.Locale.ROOT) + "!", json));
        try (ConfigTopicView view = new ConfigTopicView(client, admin)) {
            view.start();
            assertThat(view.awaitReady(Duration.ofSeconds(30))).isTrue();
            long skippedBefore = view.skippedRecords();

            for (ProducerRecord<String, byte[]> record : hostile) {
                producer.send(record).get();
            }
            producer.send(new ProducerRecord<>(Topics.CONFIGS, org, Json.lenient().writeValueAsBytes(good))).get();
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

            assertThat(view.skippedRecords() - skippedBefore).isEqualTo(hostile.size());
            assertThat(view.find(org)).contains(good);
            assertThat(view.find("someone-else")).isEmpty();
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>(Topics.CONFIGS, key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static OrgConfigChanged event(String org, long version, boolean empty) {
        StoredSlot slot = empty ? null : new StoredSlot(new SlotSettings(ProviderId.OPENAI, "gpt-5.4", null, null, null,
                null, ThinkingLevel.OFF, null, null, null, "https://api.openai.com/v1"),
                new EncryptedKey("AES-256-GCM+wrapped-data-key/v2", "local:00", "AA==", "AA==", "AA=="), "…",
                Instant.parse("2026-12-01T00:00:00Z"));
        return new OrgConfigChanged(1, org, version, slot, null, Instant.parse("2026-12-01T00:00:00Z"),
                UUID.randomUUID().toString());
    }
}
