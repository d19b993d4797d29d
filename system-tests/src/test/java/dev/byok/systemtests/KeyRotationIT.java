package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.EmbeddedKafkaCluster;
import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.LocalKms;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.localstack.TopicScan;
import dev.byok.model.EncryptedKey;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.StoredSlot;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Key rotation as the README describes it, on a deployment of its own (own broker), from the master
 * key file to AWS KMS (a local endpoint that speaks the KMS protocol, through the real AWS SDK),
 * named by an alias as operators usually do. Readers first: every service is restarted, one at a
 * time, able to open KMS-wrapped keys while the file stays primary; then config-service alone makes
 * KMS primary, and a key saved right then is served by a worker that was not restarted again; the
 * re-wrap command moves every stored key under KMS and a second run finds nothing left to do;
 * finally the file is removed. Reviews are requested throughout and every one of them completes. A
 * KMS that throttles while a worker opens a key delays that review instead of failing it, and a key
 * that no configured key can open fails its reviews closed, saying so.
 */
class KeyRotationIT {

    private static final String ALIAS = "alias/byok-review";

    @Test
    void keysMoveFromTheMasterKeyFileToKmsWhileReviewsKeepRunning() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(0); LocalKms kms = LocalKms.start();
                ProviderSimulator simulator = ProviderSimulator.start()) {
            String kmsKey = kms.createKey();
            kms.createAlias(ALIAS, kmsKey);
            Path runDir = Path.of("target", "rotation-run");
            Stack stack = Stack.start(runDir, kafka.bootstrapServers(), Infrastructure.redisUrl(), simulator, 1,
                    SystemUnderTest.withDebugLogging(Map.of("LOGGING_LEVEL_DEV_BYOK", "DEBUG")));
            try (stack; ReviewTraffic traffic = new ReviewTraffic(kafka.bootstrapServers())) {
                List<String> orgs = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String org = Slots.newOrgId("rotate");
                    keys.add(save(stack, simulator, org));
                    orgs.add(org);
                }
                assertThat(wrappingKeys(kafka)).allMatch(id -> id.startsWith("local:"));
                Background requests = new Background(traffic, orgs);
                requests.start();

                // 1. Readers first: every service can open KMS-wrapped keys; the file stays primary.
                Map<String, String> kmsReader = new HashMap<>(Map.of("BYOK_KMS_KEY_ID", ALIAS,
                        "BYOK_KMS_REGION", "us-east-1", "BYOK_KMS_ENDPOINT", kms.endpoint(),
                        "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "BYOK_PRIMARY_KEY", "file"));
                stack.rollingRestart(kmsReader);
                String beforeSwitch = Slots.newOrgId("rotate-before");
                keys.add(save(stack, simulator, beforeSwitch));
                String wrappedBeforeSwitch = latestWrappingKey(kafka, beforeSwitch);
                // 2. config-service alone makes KMS primary; the worker keeps its settings.
                stack.restartConfigService(Map.of("BYOK_PRIMARY_KEY", "kms"));
                String duringRotation = Slots.newOrgId("rotate-during");
                keys.add(save(stack, simulator, duringRotation));
                String wrappedDuringRotation = latestWrappingKey(kafka, duringRotation);
                traffic.send(ReviewTraffic.request(duringRotation + "-r1", duringRotation, "diff"));
                ReviewOutcome servedDuring = traffic.await(duringRotation + "-r1", Duration.ofSeconds(60));
                // 3. Re-wrap until nothing is left.
                ByokApi.Response report = api(stack).send("POST", "/api/v1/admin/keys/rewrap", null, null);
                ByokApi.Response again = api(stack).send("POST", "/api/v1/admin/keys/rewrap", null, null);
                // 4. Remove the file everywhere.
                Map<String, String> withoutFile = new HashMap<>();
                withoutFile.put("BYOK_MASTER_KEY_FILE", runDir.resolve("no-such-master.key").toAbsolutePath().toString());
                withoutFile.put("BYOK_PRIMARY_KEY", "kms");
                stack.rollingRestart(withoutFile);
                List<String> sent = requests.stop();

                assertThat(wrappedBeforeSwitch).as("saved while the file was still primary").startsWith("local:");
                assertThat(wrappedDuringRotation).as("saved once config-service made KMS primary")
                        .isEqualTo("kms:" + kmsKey);
                assertThat(servedDuring.status()).as(servedDuring.error() + "").isEqualTo(ReviewStatus.COMPLETED);
                assertThat(report.status()).as(report.body()).isEqualTo(200);
                JsonNode first = Json.lenient().readTree(report.body());
                assertThat(first.path("primaryKeyId").asString()).as("named without its ARN")
                        .matches("kms:[0-9a-f]{12}");
                assertThat(first.path("rewrapped").asInt()).isEqualTo(4);
                assertThat(first.path("alreadyCurrent").asInt()).isEqualTo(1);
                assertThat(first.path("failed").size()).isZero();
                JsonNode second = Json.lenient().readTree(again.body());
                assertThat(second.path("rewrapped").asInt()).as("an alias is known by its ARN: nothing re-wrapped twice")
                        .isZero();
                assertThat(second.path("alreadyCurrent").asInt()).isEqualTo(5);
                assertThat(latestWrappingKeys(kafka)).containsOnly("kms:" + kmsKey);
                assertThat(sent).hasSizeGreaterThan(10);
                for (String id : sent) {
                    ReviewOutcome outcome = traffic.await(id, Duration.ofSeconds(90));
                    assertThat(outcome.status()).as(id + " " + outcome.error()).isEqualTo(ReviewStatus.COMPLETED);
                }
                assertThat(kms.calls("Decrypt")).isPositive();

                // A KMS that throttles while the worker opens a key delays the review; it does not fail it.
                String throttled = Slots.newOrgId("throttled");
                keys.add(save(stack, simulator, throttled));
                long decryptsBefore = kms.calls("Decrypt");
                kms.throttle("Decrypt", 4);
                traffic.send(ReviewTraffic.request(throttled + "-r1", throttled, "diff"));
                ReviewOutcome afterThrottling = traffic.await(throttled + "-r1", Duration.ofSeconds(60));
                assertThat(afterThrottling.status()).as(afterThrottling.error() + "").isEqualTo(ReviewStatus.COMPLETED);
                assertThat(afterThrottling.attempts()).as("one provider call, made once KMS answered").hasSize(1);
                assertThat(kms.calls("Decrypt") - decryptsBefore).as("throttled four times, then answered")
                        .isGreaterThanOrEqualTo(5);

                String broken = brokenKeyOrg(kafka);
                traffic.send(ReviewTraffic.request(broken + "-r1", broken, "diff"));
                ReviewOutcome failed = traffic.await(broken + "-r1", Duration.ofSeconds(60));
                assertThat(failed.status()).isEqualTo(ReviewStatus.FAILED);
                assertThat(failed.error().code()).isEqualTo(ErrorCode.NON_RETRYABLE);
                assertThat(failed.error().message()).contains("cannot be decrypted", "local:00000000deadbeef");
                assertThat(failed.attempts()).isEmpty();

                assertThat(SecretScan.findings(stack, keys)).isEmpty();
            }
        }
    }

    /** Saves a main slot for {@code org} with a fresh key the simulator serves, and returns the key. */
    private static String save(Stack stack, ProviderSimulator simulator, String org) {
        String key = Slots.newKey();
        simulator.program(key, KeyBehaviour.ok().withLatency(Duration.ofMillis(50)));
        ByokApi.Response saved = api(stack).putSlot(org, "main", Slots.compatible(stack.simulatorBaseUrl(), "m", key, 4));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return key;
    }

    /** The wrapping key of {@code org}'s current main key. */
    private static String latestWrappingKey(EmbeddedKafkaCluster kafka, String org) {
        return configs(kafka).stream().filter(c -> c.orgId().equals(org) && c.main() != null)
                .max(java.util.Comparator.comparingLong(OrgConfigChanged::version)).orElseThrow()
                .main().key().wrappingKeyId();
    }

    private static ByokApi api(Stack stack) {
        return stack.api(stack.tokens().admin(Duration.ofMinutes(30)));
    }

    /** The wrapping key of every stored key ever written to the config topic. */
    private static List<String> wrappingKeys(EmbeddedKafkaCluster kafka) {
        return configs(kafka).stream().flatMap(c -> java.util.stream.Stream.of(c.main(), c.fallback()))
                .filter(s -> s != null && s.key() != null).map(s -> s.key().wrappingKeyId()).toList();
    }

    /** The wrapping key of each org's current keys. */
    private static List<String> latestWrappingKeys(EmbeddedKafkaCluster kafka) {
        Map<String, OrgConfigChanged> latest = new LinkedHashMap<>();
        configs(kafka).forEach(c -> latest.merge(c.orgId(), c, (a, b) -> a.version() >= b.version() ? a : b));
        return latest.values().stream().flatMap(c -> java.util.stream.Stream.of(c.main(), c.fallback()))
                .filter(s -> s != null && s.key() != null).map(s -> s.key().wrappingKeyId()).distinct().toList();
    }

    private static List<OrgConfigChanged> configs(EmbeddedKafkaCluster kafka) {
        List<OrgConfigChanged> out = new ArrayList<>();
        TopicScan.readEverything(kafka.bootstrapServers()).getOrDefault(Topics.CONFIGS, List.of()).forEach(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("{")) {
                out.add(Json.lenient().readValue(text, OrgConfigChanged.class));
            }
        });
        return out;
    }

    /** An org whose stored key is wrapped by a master key no service holds: written straight to the topic. */
    private static String brokenKeyOrg(EmbeddedKafkaCluster kafka) throws Exception {
        String org = Slots.newOrgId("broken");
        OrgConfigChanged template = configs(kafka).getFirst();
        StoredSlot main = template.main();
        StoredSlot broken = new StoredSlot(main.settings(), new EncryptedKey(main.key().algorithm(),
                "local:00000000deadbeef", main.key().wrappedDataKey(), main.key().iv(), main.key().ciphertext()),
                "…", Instant.now());
        OrgConfigChanged config = new OrgConfigChanged(1, org, 1, broken, null, Instant.now(),
                UUID.randomUUID().toString());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.CONFIGS, org, Json.lenient().writeValueAsBytes(config))).get();
        }
        return org;
    }

    /** Requests a review for one of the orgs every 200 ms until stopped. */
    private static final class Background {
        private final ReviewTraffic traffic;
        private final List<String> orgs;
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        private int n;

        Background(ReviewTraffic traffic, List<String> orgs) {
            this.traffic = traffic;
            this.orgs = orgs;
        }

        void start() {
            scheduler.scheduleAtFixedRate(() -> {
                String org = orgs.get(n % orgs.size());
                String id = org + "-bg" + n++;
                traffic.send(ReviewTraffic.request(id, org, "diff --git a/x b/x"));
                sent.add(id);
            }, 0, 200, TimeUnit.MILLISECONDS);
        }

        List<String> stop() throws InterruptedException {
            scheduler.shutdown();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            return List.copyOf(sent);
        }
    }
}
