package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.byok.localstack.ByokApi;
import dev.byok.localstack.Stack;
import dev.byok.model.AuditRecord;
import dev.byok.model.AuditRecord.AuditAction;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every change of an org's slots leaves one audit record on {@code byok.audit}, committed with the
 * change itself: who (the token's subject), which slot, which fields before and after, and of the key
 * only that it was set, replaced or removed and its hint. The org's members page through it with
 * {@code GET /api/v1/orgs/{org}/byok/audit}; nobody else can, and no key or ciphertext is in it.
 */
class AuditIT {

    private static Stack stack;
    private static TestOrgs orgs;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        orgs = new TestOrgs(stack);
    }

    @Test
    void eachChangeIsOneRecordWithItsAuthorItsFieldsAndNoKey() {
        String org = Slots.newOrgId("audit");
        ByokApi alice = as("alice@example.com", org);
        ByokApi bob = as("bob@example.com", org);
        String first = Slots.newKey();
        String second = Slots.newKey();

        assertThat(alice.putSlot(org, "main", Slots.compatible(stack.simulatorBaseUrl(), "glm-5.1", first, 2)).status())
                .isEqualTo(200);
        assertThat(bob.putSlot(org, "main", """
                {"provider":"openai_compatible","model":"kimi-k2.6","baseUrl":"%s","maxConcurrentRequests":3}"""
                .formatted(stack.simulatorBaseUrl())).status()).isEqualTo(200);
        assertThat(alice.putSlot(org, "main", Slots.compatible(stack.simulatorBaseUrl(), "kimi-k2.6", second, 3)).status())
                .isEqualTo(200);
        assertThat(bob.deleteSlot(org, "main").status()).isEqualTo(204);

        ByokApi.Response page = alice.send("GET", "/api/v1/orgs/" + org + "/byok/audit", null, null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<AuditRecord> records = records(page.body());
        assertThat(records).extracting(AuditRecord::action).containsExactly(AuditAction.SLOT_DELETED,
                AuditAction.SLOT_SAVED, AuditAction.SLOT_SAVED, AuditAction.SLOT_SAVED);
        assertThat(records).extracting(AuditRecord::actor).containsExactly("bob@example.com", "alice@example.com",
                "bob@example.com", "alice@example.com");
        assertThat(records).extracting(AuditRecord::configVersion).containsExactly(4L, 3L, 2L, 1L);
        assertThat(records).allSatisfy(r -> assertThat(r.slot()).isEqualTo("main"));

        AuditRecord created = records.get(3);
        assertThat(created.key().change()).isEqualTo("SET");
        assertThat(created.key().hint()).endsWith("…" + first.substring(first.length() - 4));
        assertThat(field(created, "model").after().asString()).isEqualTo("glm-5.1");
        assertThat(field(created, "model").before()).isNull();

        AuditRecord modelChanged = records.get(2);
        assertThat(modelChanged.key()).as("the stored key was kept").isNull();
        assertThat(modelChanged.changes()).extracting(AuditRecord.FieldChange::field)
                .containsExactlyInAnyOrder("model", "maxConcurrentRequests");
        assertThat(field(modelChanged, "model").before().asString()).isEqualTo("glm-5.1");
        assertThat(field(modelChanged, "model").after().asString()).isEqualTo("kimi-k2.6");
        assertThat(field(modelChanged, "maxConcurrentRequests").after().asInt()).isEqualTo(3);

        AuditRecord keyReplaced = records.get(1);
        assertThat(keyReplaced.changes()).isEmpty();
        assertThat(keyReplaced.key().change()).isEqualTo("REPLACED");
        assertThat(keyReplaced.key().hint()).endsWith("…" + second.substring(second.length() - 4));

        AuditRecord deleted = records.get(0);
        assertThat(deleted.key().change()).isEqualTo("REMOVED");
        assertThat(field(deleted, "model").after()).isNull();

        assertThat(page.body()).doesNotContain(first, second);
        List<byte[]> onTopic = values(Topics.AUDIT);
        List<String> ciphertexts = ciphertextsOf(org);
        assertThat(ciphertexts).hasSize(2);
        for (byte[] record : onTopic) {
            String text = new String(record, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(first, second);
            ciphertexts.forEach(c -> assertThat(text).doesNotContain(c));
        }
    }

    @Test
    void pagesGoBackwardsWithTheNextCursorAndOnlyTheOrgsMembersMayRead() {
        String org = Slots.newOrgId("audit-pages");
        ByokApi member = as("carol@example.com", org);
        for (int model = 1; model <= 5; model++) {
            assertThat(member.putSlot(org, "fallback", Slots.compatible(stack.simulatorBaseUrl(), "m" + model,
                    Slots.newKey(), 1)).status()).isEqualTo(200);
        }

        List<Long> versions = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ByokApi.Response page = member.send("GET", "/api/v1/orgs/" + org + "/byok/audit?limit=2"
                    + (cursor == null ? "" : "&before=" + cursor), null, null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            records(page.body()).forEach(r -> versions.add(r.configVersion()));
            cursor = Json.lenient().readTree(page.body()).path("next").asString(null);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(versions).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(pages).isEqualTo(3);

        ByokApi stranger = as("mallory@example.com", Slots.newOrgId("other"));
        assertThat(stranger.send("GET", "/api/v1/orgs/" + org + "/byok/audit", null, null).status()).isEqualTo(403);
        ByokApi.Response bad = member.send("GET", "/api/v1/orgs/" + org + "/byok/audit?limit=0", null, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("limit");
        ByokApi.Response badCursor = member.send("GET", "/api/v1/orgs/" + org + "/byok/audit?before=x", null, null);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body()).contains("before");
    }

    private static ByokApi as(String subject, String org) {
        return stack.api(stack.tokens().sign(new JWTClaimsSet.Builder().subject(subject).claim("orgs", List.of(org)),
                Duration.ofMinutes(10)));
    }

    private static List<AuditRecord> records(String body) {
        JsonNode page = Json.lenient().readTree(body);
        List<AuditRecord> records = new ArrayList<>();
        for (JsonNode record : page.path("records")) {
            records.add(Json.lenient().treeToValue(record, AuditRecord.class));
        }
        return records;
    }

    private static AuditRecord.FieldChange field(AuditRecord record, String name) {
        return record.changes().stream().filter(c -> c.field().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + name + " in " + record.changes()));
    }

    /** The ciphertexts the config topic holds for the org's keys. */
    private static List<String> ciphertextsOf(String org) {
        List<String> found = new ArrayList<>();
        for (byte[] value : values(Topics.CONFIGS)) {
            OrgConfigChanged config = value == null ? null : Json.lenient().readValue(value, OrgConfigChanged.class);
            if (config != null && org.equals(config.orgId()) && config.main() != null && config.main().key() != null
                    && !found.contains(config.main().key().ciphertext())) {
                found.add(config.main().key().ciphertext());
            }
        }
        return found;
    }

    /** Every record value on {@code topic}, aborted transactions included. */
    private static List<byte[]> values(String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return values;
    }
}
