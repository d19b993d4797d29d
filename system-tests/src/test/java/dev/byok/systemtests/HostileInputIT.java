package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.DeadLetterHeaders;
import dev.byok.model.ErrorCode;
import dev.byok.model.Identifiers;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input at both doors, the REST API and the ingress topic: malformed JSON, wrong types,
 * huge strings and control characters each get a defined answer (a 4xx naming the problem; a
 * FAILED outcome or a dead-letter record), and the services stay up. Reviews of 8 MiB are served,
 * larger ones fail with a clear outcome.
 *
 * <p>The properties run with QuickTheories, a fixed number of examples from a random seed; a
 * failure prints the seed ("Seed was N"), and {@code -DQT_SEED=N} replays exactly that run.
 */
class HostileInputIT {

    /** The reason header of every dead-letter record, by the key it was sent with. */
    private static final DeadLetters DEAD_LETTERS = new DeadLetters();
    /** Stands for JSON null in a generated object (QuickTheories generators do not hand out null). */
    private static final Object JSON_NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    @Test
    void everySlotBodyGetsADefinedAnswer() {
        ByokApi api = admin();
        qt().withExamples(150).withShrinkCycles(20).forAll(slotBodies()).checkAssert(body -> {
            ByokApi.Response response = api.putSlot(Slots.newOrgId("fuzz"), "main", body);

            assertThat(response.status()).as(body).isIn(200, 400, 413, 415);
            if (response.status() != 200) {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body()).doesNotContain("Exception", "at dev.byok");
            }
        });
    }

    @Test
    void everyOrgIdInThePathGetsADefinedAnswer() {
        ByokApi api = admin();
        qt().withExamples(100).withShrinkCycles(20).forAll(orgIds()).checkAssert(orgId -> {
            String path = "/api/v1/orgs/" + URLEncoder.encode(orgId, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/byok";

            ByokApi.Response response = api.send("GET", path, null, null);

            if (Identifiers.isValidOrgId(orgId)) {
                assertThat(response.status()).as(orgId + " is a valid org id").isEqualTo(200);
                assertThat(Json.lenient().readTree(response.body()).path("orgId").asString()).isEqualTo(orgId);
            } else {
                assertThat(response.status()).as(orgId + " is not a valid org id").isEqualTo(400);
            }
        });
    }

    @Test
    void everyIngressRecordIsDeadLetteredAndAnsweredWhenItsIdsCanBeRead() {
        ReviewTraffic traffic = SystemUnderTest.traffic();
        DEAD_LETTERS.start();
        qt().withExamples(150).withShrinkCycles(10).forAll(ingressValues()).checkAssert(ingress -> {
            String marker = "hostile-" + UUID.randomUUID();
            byte[] value = ingress.bytes(marker);

            traffic.send(marker, value);

            // Every one breaks the request schema, so every one is dead-lettered with its reason...
            String reason = await().atMost(Duration.ofSeconds(30)).until(() -> DEAD_LETTERS.reason(marker),
                    r -> r != null);
            assertThat(reason).as(ingress.toString()).isNotBlank();
            // ...and answered when there is someone to answer.
            if (idsCanBeRead(value)) {
                ReviewOutcome outcome = await().atMost(Duration.ofSeconds(30))
                        .until(() -> traffic.outcome(marker), Optional::isPresent).orElseThrow();
                assertThat(outcome.status()).as(ingress.toString()).isEqualTo(ReviewStatus.FAILED);
                assertThat(outcome.error().code()).as(ingress.toString()).isEqualTo(ErrorCode.INVALID_REQUEST);
            }
        });
    }

    /** Whether the record is JSON whose reviewId and orgId are strings that follow CONTRACTS §1. */
    private static boolean idsCanBeRead(byte[] value) {
        JsonNode root;
        try {
            root = Json.lenient().readTree(value);
        } catch (RuntimeException notJson) {
            return false;
        }
        return root != null && root.path("reviewId").isString() && root.path("orgId").isString()
                && Identifiers.isValidReviewId(root.path("reviewId").asString())
                && Identifiers.isValidOrgId(root.path("orgId").asString());
    }

    @AfterAll
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
    void aChunkedBodyWithoutALengthIsCutOffAtTheLimitToo() throws Exception {
        Stack stack = SystemUnderTest.stack();
        byte[] huge = ("{\"provider\":\"openai\",\"model\":\"" + "m".repeat(200_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(stack.configService().baseUrl() + "/api/v1/orgs/"
                        + Slots.newOrgId("chunked") + "/byok/main"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + stack.tokens().admin(Duration.ofMinutes(5)))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(chunked.bodyPublisher().orElseThrow().contentLength()).as("no length: sent chunked").isNegative();
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
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
        DEAD_LETTERS.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> DEAD_LETTERS.reason(badIdMarker) != null);
        assertThat(traffic.outcome(badIdMarker)).as("ids outside the contract key no outcome").isEmpty();
        assertThat(stack.simulator().stats(victimKey).requests()).as("the victim's key was never used").isZero();
        assertThat(stack.simulator().stats(writerKey).requests()).as("only the writer's own review").isEqualTo(1);
    }

    private static Gen<String> slotBodies() {
        Gen<String> anyText = strings().allPossible().ofLengthBetween(0, 300);
        Gen<String> controlText = strings().betweenCodePoints(0, 0x1f).ofLengthBetween(0, 40);
        Gen<Object> anyValue = Generate.oneOf(anyText.map(v -> (Object) v), controlText.map(v -> (Object) v),
                integers().all().map(v -> (Object) v), doubles().any().map(v -> (Object) v),
                booleans().all().map(v -> (Object) v), Generate.constant(JSON_NULL),
                strings().basicLatinAlphabet().ofLength(70_000).map(v -> (Object) v));
        Gen<String> fields = Generate.pick(List.of("provider", "model", "baseUrl", "apiKey", "temperature",
                "maxTokens", "thinking", "customOptions", "maxConcurrentRequests", "openRouter", "plan", "unknownField",
                ""));
        Gen<String> objects = lists().of(fields).ofSizeBetween(0, 8).zip(lists().of(anyValue).ofSize(8),
                (names, values) -> {
                    Map<String, Object> object = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        object.put(names.get(i), values.get(i) == JSON_NULL ? null : values.get(i));
                    }
                    return Json.lenient().writeValueAsString(object);
                });
        Gen<String> truncated = objects.flatMap(o -> integers().between(0, o.length()).map(n -> o.substring(0, n)));
        return Generate.oneOf(objects, truncated, anyText, Generate.pick(List.of("null", "[]", "{", "\"x\"", "{}")))
                .describedAs(HostileInputIT::abbreviated);
    }

    /**
     * Org ids from anywhere: any text, text of the characters that matter in a path, and the edge
     * cases of CONTRACTS §1. {@code .} and {@code ..} are left out: they are path segments, which an
     * HTTP client resolves before sending, not org ids.
     */
    private static Gen<String> orgIds() {
        Gen<String> pathish = lists().of(Generate.pick(List.of('A', 'a', 'Z', 'z', '0', '9', '-', '_', '.', ':', '/',
                '\\', ' ', '%'))).ofSizeBetween(1, 70).map(chars -> chars.stream().map(String::valueOf)
                .collect(Collectors.joining()));
        return Generate.oneOf(strings().allPossible().ofLengthBetween(1, 80), pathish,
                Generate.pick(List.of("acme", "Acme", "-acme", "a".repeat(64), "a".repeat(65), "acme.evil", " ")))
                .assuming(s -> !s.equals(".") && !s.equals(".."));
    }

    /**
     * Ingress records, none of them a valid request: requests that break one rule each (with a
     * usable or an unusable orgId), truncated or mistyped JSON, huge and control-character content,
     * and random bytes. {@code @ID@} stands for the review's marker.
     */
    private static Gen<Ingress> ingressValues() {
        String valid = """
                {"schemaVersion":1,"reviewId":"@ID@","orgId":"ORG","messages":[{"role":"user","content":"diff"}],
                 "metadata":{"pullRequest":1},"requestedAt":"2026-11-26T12:00:00Z"}""";
        Gen<String> orgs = Generate.pick(List.of("ghost-org", "Ghost", "bad.org", "", "x".repeat(80)));
        Gen<String> junk = Generate.oneOf(strings().allPossible().ofLengthBetween(0, 50),
                strings().betweenCodePoints(0, 0x1f).ofLengthBetween(0, 50),
                strings().basicLatinAlphabet().ofLength(100_000));
        Gen<Ingress> mutated = orgs.zip(integers().between(0, 6), junk, (org, kind, text) -> {
            String base = valid.replace("ORG", org);
            return new Ingress(switch (kind) {
                case 0 -> base.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
                case 1 -> base.substring(0, Math.max(1, base.length() / 2));
                // junk content in the one message, which is no longer a user message
                case 2 -> base.replace("\"user\",\"content\":\"diff\"", "\"assistant\",\"content\":"
                        + Json.lenient().writeValueAsString(text));
                case 3 -> base.replace("\"messages\":[", "\"messages\":7,\"x\":[");
                case 4 -> base.replace("\"user\"", "\"robot\"");
                case 5 -> base.replace("{\"pullRequest\":1}", "{\"nested\":{\"a\":[1]}}");
                default -> "@ID@" + text;
            }, null);
        });
        Gen<Ingress> raw = Generate.byteArrays(integers().between(0, 200), Generate.bytes(Byte.MIN_VALUE,
                Byte.MAX_VALUE, (byte) 0)).map(tail -> new Ingress(null, tail));
        return Generate.oneOf(mutated, raw);
    }

    /** One generated ingress value: JSON text with {@code @ID@} for the marker, or the marker and raw bytes. */
    private record Ingress(String json, byte[] rawTail) {
        byte[] bytes(String marker) {
            if (json != null) {
                return json.replace("@ID@", marker).getBytes(StandardCharsets.UTF_8);
            }
            byte[] head = marker.getBytes(StandardCharsets.UTF_8);
            byte[] out = Arrays.copyOf(head, head.length + rawTail.length);
            System.arraycopy(rawTail, 0, out, head.length, rawTail.length);
            return out;
        }

        @Override
        public String toString() {
            return json != null ? "json " + abbreviated(json) : "marker + bytes " + Arrays.toString(rawTail);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " chars)";
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

    /** Follows the dead-letter topic in the background and remembers the reason header of every key it saw. */
    private static final class DeadLetters {
        private final Map<String, String> reasons = new ConcurrentHashMap<>();
        private Thread reader;

        synchronized void start() {
            if (reader == null) {
                reader = Thread.ofPlatform().daemon().name("dead-letters").start(this::follow);
            }
        }

        /** The reason header of the dead-letter record sent with {@code key}; "" if it had none; null if none arrived. */
        String reason(String key) {
            return reasons.get(key);
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
                            Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
                            reasons.put(new String(record.key(), StandardCharsets.UTF_8),
                                    reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
    }
}
