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

/**
 * Key rotation as the README describes it, on a deployment of its own (own broker): keys start under
 * the master key file, the services are restarted one by one with AWS KMS (a local endpoint that
 * speaks the KMS protocol, through the real AWS SDK) as the primary key and the file kept for
 * reading, the re-wrap command moves every stored key under KMS, and finally the file is removed.
 * Reviews are requested throughout and every one of them completes. A key that no configured key
 * can open fails its reviews closed, saying so.
 */
class KeyRotationIT {

    @Test
    void keysMoveFromTheMasterKeyFileToKmsWhileReviewsKeepRunning() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(0); LocalKms kms = LocalKms.start();
                ProviderSimulator simulator = ProviderSimulator.start()) {
            String kmsKey = kms.createKey();
            Path runDir = Path.of("target", "rotation-run");
            Stack stack = Stack.start(runDir, kafka.bootstrapServers(), Infrastructure.redisUrl(), simulator, 1,
                    Map.of("LOGGING_LEVEL_DEV_BYOK", "DEBUG"));
            try (stack; ReviewTraffic traffic = new ReviewTraffic(kafka.bootstrapServers())) {
                List<String> orgs = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String org = Slots.newOrgId("rotate");
                    String key = Slots.newKey();
                    simulator.program(key, KeyBehaviour.ok().withLatency(Duration.ofMillis(50)));
                    assertThat(api(stack).putSlot(org, "main", Slots.compatible(stack.simulatorBaseUrl(), "m", key, 4))
                            .status()).isEqualTo(200);
                    orgs.add(org);
                    keys.add(key);
                }
                assertThat(wrappingKeys(kafka)).allMatch(id -> id.startsWith("local:"));
                Background requests = new Background(traffic, orgs);
                requests.start();

                Map<String, String> kmsPrimary = new HashMap<>(Map.of("BYOK_KMS_KEY_ID", kmsKey,
                        "BYOK_KMS_REGION", "us-east-1", "BYOK_KMS_ENDPOINT", kms.endpoint(),
                        "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
                stack.rollingRestart(kmsPrimary);
                ByokApi.Response report = api(stack).send("POST", "/api/v1/admin/keys/rewrap", null, null);
                Map<String, String> withoutFile = new HashMap<>();
                withoutFile.put("BYOK_MASTER_KEY_FILE", runDir.resolve("no-such-master.key").toAbsolutePath().toString());
                stack.rollingRestart(withoutFile);
                List<String> sent = requests.stop();

                assertThat(report.status()).as(report.body()).isEqualTo(200);
                assertThat(Json.lenient().readTree(report.body()).path("rewrapped").asInt()).isEqualTo(3);
                assertThat(Json.lenient().readTree(report.body()).path("failed").size()).isZero();
                assertThat(latestWrappingKeys(kafka)).containsOnly("kms:" + kmsKey);
                assertThat(sent).hasSizeGreaterThan(10);
                for (String id : sent) {
                    ReviewOutcome outcome = traffic.await(id, Duration.ofSeconds(90));
                    assertThat(outcome.status()).as(id + " " + outcome.error()).isEqualTo(ReviewStatus.COMPLETED);
                }
                assertThat(kms.calls("Decrypt")).isPositive();

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
