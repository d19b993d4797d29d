package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Schemas;
import dev.byok.model.DeadLetterHeaders;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The records on the public topics follow the committed schemas (docs/schemas): after every other
 * scenario but the leak scan (so it sees what they all produced), each outcome, config event and
 * dead letter the services wrote, and each request the byok tool sent, is validated; and a request
 * that breaks its schema is dead-lettered with the reason.
 */
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordsMatchSchemasIT {

    private final ReviewTraffic traffic = SystemUnderTest.traffic();

    @Test
    @Order(1)
    void aRequestThatBreaksTheSchemaIsDeadLetteredWithItsReasonAndAnswered() {
        String org = Slots.newOrgId("schema");
        new TestOrgs(SystemUnderTest.stack()).save(org, "main", new TestOrgs(SystemUnderTest.stack()).key(KeyBehaviour.ok()), 1);
        String reviewId = org + "-no-user";
        byte[] request = """
                {"schemaVersion":1,"reviewId":"%s","orgId":"%s","messages":[{"role":"system","content":"only a system prompt"}]}"""
                .formatted(reviewId, org).getBytes(StandardCharsets.UTF_8);
        assertThat(Schemas.violations(Schemas.REVIEW_REQUESTED, request)).as("it breaks the schema").isNotEmpty();

        traffic.send(org, request);

        ConsumerRecord<byte[], byte[]> dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> committed(Topics.REVIEWS_DEAD_LETTER).stream().filter(r -> r.key() != null
                        && org.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(dead.value()).isEqualTo(request);
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains("at least one user message");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.REVIEWS_REQUESTED);
        ReviewOutcome outcome = await().atMost(Duration.ofSeconds(30)).until(() -> traffic.outcome(reviewId),
                Optional::isPresent).orElseThrow();
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        TestOrgs.REVIEWS_SENT.add(reviewId);
    }

    @Test
    @Order(2)
    void everyRecordTheServicesProducedFollowsItsSchema() {
        Map<String, Integer> validated = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        check(Topics.REVIEWS_RESULTS, Schemas.REVIEW_OUTCOME, r -> r.value(), validated, problems);
        check(Topics.CONFIGS, Schemas.ORG_CONFIG_CHANGED, r -> r.value(), validated, problems);
        check(Topics.AUDIT, Schemas.AUDIT_RECORD, r -> r.value(), validated, problems);
        check(Topics.BUDGET_ALERTS, Schemas.BUDGET_ALERT, r -> r.value(), validated, problems);
        check(Topics.REVIEWS_DEAD_LETTER, Schemas.DEAD_LETTER_HEADERS, RecordsMatchSchemasIT::headersAsJson, validated,
                problems);
        // The requests the byok tool sent (its reviewIds start with cli-); the tests send broken ones on purpose.
        for (ConsumerRecord<byte[], byte[]> record : committed(Topics.REVIEWS_REQUESTED)) {
            JsonNode request = readOrNull(record.value());
            if (request != null && request.path("reviewId").asString("").startsWith("cli-")) {
                Schemas.violations(Schemas.REVIEW_REQUESTED, request).forEach(v -> problems.add("CLI request: " + v));
                validated.merge(Topics.REVIEWS_REQUESTED + " (from byok review send)", 1, Integer::sum);
            }
        }
        System.out.println("Validated against docs/schemas: " + validated);

        assertThat(problems).isEmpty();
        assertThat(validated).containsKeys(Topics.REVIEWS_RESULTS, Topics.CONFIGS, Topics.AUDIT,
                Topics.REVIEWS_DEAD_LETTER);
    }

    private static void check(String topic, String schema, java.util.function.Function<ConsumerRecord<byte[], byte[]>, byte[]> part,
            Map<String, Integer> validated, List<String> problems) {
        for (ConsumerRecord<byte[], byte[]> record : committed(topic)) {
            if (record.value() == null || record.headers().lastHeader(ConfigRecords.FORGED_BY_TEST) != null) {
                continue; // written by a test in place of a service (KeyBindingIT, UnboundKeyRolloutIT)
            }
            for (String violation : Schemas.violations(schema, part.apply(record))) {
                problems.add(topic + " " + record.partition() + ":" + record.offset() + " " + violation);
            }
            validated.merge(topic, 1, Integer::sum);
        }
    }

    private static byte[] headersAsJson(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return Json.lenient().writeValueAsBytes(headers);
    }

    private static JsonNode readOrNull(byte[] value) {
        try {
            return value == null ? null : Json.lenient().readTree(value);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every committed record of the topic, as a read_committed consumer sees it. */
    private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemUnderTest.stack().kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic + " in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
