package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at both doors, the REST API and the ingress topic: malformed JSON, wrong types,
 * huge strings and control characters each get a defined answer (a 4xx naming the problem; a
 * FAILED outcome or a dead-letter record), and the services stay up. Reviews of 8 MiB are served,
 * larger ones fail with a clear outcome.
 */
class HostileInputIT {

    /** The keys of the dead-letter topic, read as they arrive. */
    private static final DeadLetterKeys DEAD_LETTERS = new DeadLetterKeys();

    @Property(tries = 150)
    void everySlotBodyGetsADefinedAnswer(@ForAll("slotBodies") String body) {
        ByokApi api = admin();

        ByokApi.Response response = api.putSlot(Slots.newOrgId("fuzz"), "main", body);

        assertThat(response.status()).as(body).isIn(200, 400, 413, 415);
        if (response.status() != 200) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception", "at dev.byok");
        }
    }

    @Property(tries = 100)
    void everyOrgIdInThePathGetsADefinedAnswer(@ForAll("orgIds") String orgId) {
        String path = "/api/v1/orgs/" + URLEncoder.encode(orgId, StandardCharsets.UTF_8).replace("+", "%20") + "/byok";

        ByokApi.Response response = admin().send("GET", path, null, null);

        assertThat(response.status()).as(orgId).isIn(200, 400, 404);
        if (response.status() == 200) {
            assertThat(Json.lenient().readTree(response.body()).path("orgId").asString()).isEqualTo(orgId);
        }
    }

    @Property(tries = 150)
    void everyIngressRecordGetsAnOutcomeOrADeadLetter(@ForAll("ingressValues") byte[] value) {
        String marker = "hostile-" + UUID.randomUUID();
        String json = new String(value, StandardCharsets.ISO_8859_1).replace("@ID@", marker);
        ReviewTraffic traffic = SystemUnderTest.traffic();

        traffic.send(marker, json.getBytes(StandardCharsets.ISO_8859_1));

        await().atMost(Duration.ofSeconds(30)).until(() -> traffic.outcome(marker).isPresent()
                || DEAD_LETTERS.contains(marker));
    }

    @AfterContainer
    static void theServicesStayedUp() {
        Stack stack = SystemUnderTest.stack();
        for (ServiceProcess service : List.of(stack.configService(), stack.dispatcher())) {
            service.awaitHealthy(Duration.ofSeconds(10));
        }
        stack.workers().forEach(w -> w.awaitHealthy(Duration.ofSeconds(10)));
    }

    @Test
    void aBodyLargerThanAnySlotConfigIsRefusedWith413() {
        String huge = "{\"provider\":\"openai\",\"model\":\"" + "m".repeat(200_000) + "\"}";

        ByokApi.Response response = admin().putSlot(Slots.newOrgId("huge"), "main", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aReviewOf8MiBIsServedAndOneOf9MiBFailsSayingWhy() {
        Stack stack = SystemUnderTest.stack();
        TestOrgs orgs = new TestOrgs(stack);
        String org = Slots.newOrgId("bigdiff");
        String key = orgs.key(KeyBehaviour.ok());
        orgs.save(org, "main", key, null);
        ReviewTraffic traffic = SystemUnderTest.traffic();

        String eight = org + "-8mib";
        String nine = org + "-9mib";
        traffic.send(org, sized(eight, org, 8 * 1024 * 1024));
        traffic.send(org, sized(nine, org, 9 * 1024 * 1024));
        TestOrgs.REVIEWS_SENT.addAll(List.of(eight, nine));
        ReviewOutcome served = traffic.await(eight, Duration.ofSeconds(120));
        ReviewOutcome refused = traffic.await(nine, Duration.ofSeconds(120));

        assertThat(served.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(stack.simulator().capturedRequests(key).getLast().body().length()).isGreaterThan(8_000_000);
        assertThat(refused.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.error().message()).contains("9.0 MiB", "the limit is 8.0 MiB");
    }

    @Test
    void aRecordWrittenStraightToATenantTopicIsNeverServedWithAnotherOrgsKey() {
        Stack stack = SystemUnderTest.stack();
        TestOrgs orgs = new TestOrgs(stack);
        ReviewTraffic traffic = SystemUnderTest.traffic();
        String writer = Slots.newOrgId("writer");
        String writerKey = orgs.key(KeyBehaviour.ok());
        orgs.save(writer, "main", writerKey, 2);
        String victim = Slots.newOrgId("victim");
        String victimKey = orgs.key(KeyBehaviour.ok());
        orgs.save(victim, "main", victimKey, 2);
        // the writer's tenant topic exists once it has had a review
        traffic.await(orgs.send(traffic, writer, 1).getFirst(), Duration.ofSeconds(60));

        String forgedId = "forged-" + UUID.randomUUID();
        TestOrgs.REVIEWS_SENT.add(forgedId);
        traffic.sendTo(Topics.tenantTopic(writer, dev.byok.model.Slot.MAIN), forgedId,
                Json.lenient().writeValueAsBytes(ReviewTraffic.request(forgedId, victim, "diff --git a/x b/x")));
        String badIdMarker = "bad id " + UUID.randomUUID();
        traffic.sendTo(Topics.tenantTopic(writer, dev.byok.model.Slot.MAIN), badIdMarker,
                Json.lenient().writeValueAsBytes(ReviewTraffic.request(badIdMarker, writer, "diff --git a/x b/x")));

        ReviewOutcome forged = traffic.await(forgedId, Duration.ofSeconds(60));
        assertThat(forged.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(forged.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(forged.error().message()).contains("names org " + victim, "a topic of org " + writer);
        assertThat(forged.attempts()).isEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> DEAD_LETTERS.contains(badIdMarker));
        assertThat(traffic.outcome(badIdMarker)).as("ids outside the contract key no outcome").isEmpty();
        assertThat(stack.simulator().stats(victimKey).requests()).as("the victim's key was never used").isZero();
        assertThat(stack.simulator().stats(writerKey).requests()).as("only the writer's own review").isEqualTo(1);
    }

    @Provide
    Arbitrary<String> slotBodies() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> controlText = Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(40);
        Arbitrary<Object> anyValue = Arbitraries.oneOf(anyText.map(s -> (Object) s), controlText.map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null),
                Arbitraries.strings().ofLength(70_000).map(s -> (Object) s));
        Arbitrary<String> fields = Arbitraries.of("provider", "model", "baseUrl", "apiKey", "temperature", "maxTokens",
                "thinking", "customOptions", "maxConcurrentRequests", "openRouter", "plan", "unknownField", "");
        Arbitrary<String> objects = Combinators.combine(fields.list().ofMaxSize(8), anyValue.list().ofSize(8))
                .as((names, values) -> {
                    Map<String, Object> object = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        object.put(names.get(i), values.get(i));
                    }
                    return Json.lenient().writeValueAsString(object);
                });
        Arbitrary<String> truncated = objects.flatMap(o -> Arbitraries.integers().between(0, o.length())
                .map(n -> o.substring(0, n)));
        return Arbitraries.oneOf(objects, truncated, anyText, Arbitraries.of("null", "[]", "{", "\"x\"", "{}"));
    }

    @Provide
    Arbitrary<String> orgIds() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withChars("AaZz09-_.:/\\ %").ofMinLength(1).ofMaxLength(70),
                Arbitraries.of("acme", "Acme", "-acme", "a".repeat(64), "a".repeat(65), "..", "acme.evil"))
                .filter(s -> !s.isBlank() && !s.equals(".") && !s.equals(".."));
    }

    @Provide
    Arbitrary<byte[]> ingressValues() {
        String valid = """
                {"schemaVersion":1,"reviewId":"@ID@","orgId":"ORG","messages":[{"role":"user","content":"diff"}],
                 "metadata":{"pullRequest":1},"requestedAt":"2026-11-26T12:00:00Z"}""";
        Arbitrary<String> orgs = Arbitraries.of("ghost-org", "Ghost", "bad.org", "", "x".repeat(80));
        Arbitrary<String> mutated = Combinators.combine(orgs, Arbitraries.integers().between(0, 6),
                Arbitraries.strings().all().ofMaxLength(50)).as((org, kind, junk) -> {
                    String base = valid.replace("ORG", org);
                    return switch (kind) {
                        case 0 -> base;
                        case 1 -> base.substring(0, Math.max(1, base.length() / 2));
                        case 2 -> base.replace("\"diff\"", Json.lenient().writeValueAsString(junk));
                        case 3 -> base.replace("\"messages\":[", "\"messages\":7,\"x\":[");
                        case 4 -> base.replace("\"user\"", "\"robot\"");
                        case 5 -> base.replace("{\"pullRequest\":1}", "{\"nested\":{\"a\":[1]}}");
                        default -> "@ID@" + junk;
                    };
                });
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> {
            byte[] withId = ("@ID@").getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[withId.length + b.length];
            System.arraycopy(withId, 0, out, 0, withId.length);
            System.arraycopy(b, 0, out, withId.length, b.length);
            return out;
        });
        return Arbitraries.oneOf(mutated.map(s -> s.getBytes(StandardCharsets.ISO_8859_1)), raw);
    }

    private static ByokApi admin() {
        Stack stack = SystemUnderTest.stack();
        return stack.api(stack.tokens().admin(Duration.ofMinutes(30)));
    }

    /** A valid request whose JSON is {@code bytes} long. */
    private static byte[] sized(String reviewId, String orgId, int bytes) {
        String head = "{\"schemaVersion\":1,\"reviewId\":\"" + reviewId + "\",\"orgId\":\"" + orgId
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String tail = "\"}]}";
        return (head + "+".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** Follows the dead-letter topic in the background and remembers every key it saw. */
    private static final class DeadLetterKeys {
        private final Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private Thread reader;

        synchronized boolean contains(String key) {
            if (reader == null) {
                reader = Thread.ofPlatform().daemon().name("dead-letter-keys").start(this::follow);
            }
            return keys.contains(key);
        }

        private void follow() {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemUnderTest.stack().kafkaBootstrap(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.REVIEWS_DEAD_LETTER).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (true) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null) {
                            keys.add(new String(record.key(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
    }
}
