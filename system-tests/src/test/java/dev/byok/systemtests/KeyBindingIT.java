package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.ErrorCode;
import dev.byok.model.Json;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.simulator.KeyBehaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stored key goes only where its owner sent it. With an org's main saved on the simulator, a
 * token holder names another origin (another port, another host name for the same server, or
 * another provider) without giving the key again: test, validate, save and save-with-test are all
 * refused with a 400 that names {@code apiKey}, and a server listening at the other origin never
 * receives a single request. A config record forged onto the config topic that pairs the stored key
 * with that server opens nothing either: the review fails, the probe of the stored slot fails, and
 * the server still hears nothing.
 */
class KeyBindingIT {

    private static final Duration OUTCOME_WITHIN = Duration.ofSeconds(60);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;
    private static CaptureServer elsewhere;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
        elsewhere = CaptureServer.start();
    }

    @AfterAll
    static void stopCapture() {
        elsewhere.close();
    }

    @Test
    void testValidateAndSaveNamingAnotherEndpointWithoutTheKeyAreRefusedAndItHearsNothing() {
        String org = Slots.newOrgId("bound");
        String key = orgs.key(KeyBehaviour.ok());
        orgs.save(org, "main", key, 2);
        ByokApi api = orgs.admin();
        String simulatorOnLocalhost = stack.simulatorBaseUrl().replace("127.0.0.1", "localhost");
        List<String> elsewhereWithoutKey = List.of(
                keyless("openai_compatible", elsewhere.baseUrl() + "/v1"),
                keyless("openai_compatible", simulatorOnLocalhost),
                keyless("openai", stack.simulatorBaseUrl()));

        for (String body : elsewhereWithoutKey) {
            for (ByokApi.Response refused : List.of(
                    api.send("POST", "/api/v1/orgs/" + org + "/byok/main/test", body, null),
                    api.send("POST", "/api/v1/orgs/" + org + "/byok/main/validate", body, null),
                    api.send("PUT", "/api/v1/orgs/" + org + "/byok/main", body, null),
                    api.send("PUT", "/api/v1/orgs/" + org + "/byok/main?test=true", body, null))) {
                assertThat(refused.status()).as(body + " -> " + refused.body()).isEqualTo(400);
                assertThat(refused.body()).contains("\"field\":\"apiKey\"", "is required again")
                        .doesNotContain(key);
            }
        }

        assertThat(elsewhere.requests()).as("the other endpoint never heard of the key").isEmpty();
        assertThat(api.get(org).body()).as("the stored slot is unchanged").contains(stack.simulatorBaseUrl())
                .doesNotContain(simulatorOnLocalhost);
    }

    @Test
    void changingTheModelOrTheCapKeepsTheStoredKeyAndReviewsUseIt() {
        String org = Slots.newOrgId("kept");
        String key = orgs.key(KeyBehaviour.ok().withModels("glm-5.1", "kimi-k2.6"));
        orgs.save(org, "main", key, 2);

        ByokApi.Response edited = orgs.admin().putSlot(org, "main", """
                {"provider":"openai_compatible","model":"kimi-k2.6","baseUrl":"%s/","maxConcurrentRequests":3}"""
                .formatted(stack.simulatorBaseUrl()));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        ByokApi.Response probed = orgs.admin().send("POST", "/api/v1/orgs/" + org + "/byok/main/test", null, null);
        assertThat(probed.body()).contains("\"ok\":true");
        traffic.send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        TestOrgs.REVIEWS_SENT.add(org + "-r1");

        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);
        assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(outcome.model()).isEqualTo("kimi-k2.6");
        assertThat(stack.simulator().stats(key).succeeded()).as("the stored key served it").isPositive();
    }

    @Test
    void withTheKeyGivenAgainTheSlotMayMoveToAnotherEndpoint() {
        String org = Slots.newOrgId("moved");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok()), 2);
        String newKey = Slots.newKey();

        ByokApi.Response moved = orgs.admin().putSlot(org, "main", Slots.compatible(elsewhere.baseUrl() + "/v1",
                "glm-5.1", newKey, 2));

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(orgs.admin().get(org).body()).contains(elsewhere.baseUrl());
        assertThat(elsewhere.requests()).as("a save without test calls nobody").isEmpty();
    }

    @Test
    void aForgedConfigRecordThatPairsTheStoredKeyWithAnotherHostOpensNothing() {
        String org = Slots.newOrgId("forged");
        String key = orgs.key(KeyBehaviour.ok());
        orgs.save(org, "main", key, 2);
        OrgConfigChanged saved = ConfigRecords.latest(stack.kafkaBootstrap(), org);
        String target = elsewhere.baseUrl() + "/v1";
        SlotSettings was = saved.main().settings();
        SlotSettings redirected = new SlotSettings(was.provider(), was.model(), target, was.plan(), was.temperature(),
                was.maxTokens(), was.thinking(), was.customOptions(), was.maxConcurrentRequests(), was.openRouter(),
                target);
        OrgConfigChanged forged = new OrgConfigChanged(saved.schemaVersion(), org, saved.version() + 1,
                new StoredSlot(redirected, saved.main().key(), saved.main().keyHint(), Instant.now()), null,
                Instant.now(), UUID.randomUUID().toString());
        ConfigRecords.publish(stack.kafkaBootstrap(), forged);
        await().atMost(Duration.ofSeconds(30)).until(() -> orgs.admin().get(org).body()
                .contains(target));

        traffic.send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        TestOrgs.REVIEWS_SENT.add(org + "-r1");
        ReviewOutcome outcome = traffic.await(org + "-r1", OUTCOME_WITHIN);
        ByokApi.Response probed = orgs.admin().send("POST", "/api/v1/orgs/" + org + "/byok/main/test", null, null);

        assertThat(outcome.status()).isEqualTo(ReviewStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.NON_RETRYABLE);
        assertThat(outcome.error().message()).contains("cannot be decrypted").doesNotContain(key);
        assertThat(probed.status()).as(probed.body()).isEqualTo(409);
        assertThat(elsewhere.requests()).as("the forged endpoint never received the key").isEmpty();
        assertThat(stack.simulator().stats(key).succeeded()).isZero();
    }

    /** A record no config-service wrote is skipped, counted on every service, and serving goes on. */
    @Test
    void aRecordNoConfigServiceWroteIsSkippedAndCountedAndServingGoesOn() {
        String org = Slots.newOrgId("after-junk");
        var worker = stack.workers().getFirst();
        double before = worker.metrics().sum("byok_config_records_skipped_total", Map.of());

        ConfigRecords.publishRaw(stack.kafkaBootstrap(), org, "{\"orgId\":null}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                worker.metrics().sum("byok_config_records_skipped_total", Map.of()) > before
                        && stack.dispatcher().metrics().sum("byok_config_records_skipped_total", Map.of()) > 0);

        orgs.save(org, "main", orgs.key(KeyBehaviour.ok()), 2);
        traffic.send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        TestOrgs.REVIEWS_SENT.add(org + "-r1");
        assertThat(traffic.await(org + "-r1", OUTCOME_WITHIN).status()).isEqualTo(ReviewStatus.COMPLETED);
    }

    private static String keyless(String provider, String baseUrl) {
        return """
                {"provider":"%s","model":"glm-5.1","baseUrl":"%s","maxConcurrentRequests":2}""".formatted(provider,
                baseUrl);
    }



    /** An HTTP server at another origin that answers like a provider and remembers every request it gets. */
    private static final class CaptureServer implements AutoCloseable {

        private final HttpServer server;
        private final List<String> requests = new CopyOnWriteArrayList<>();

        private CaptureServer(HttpServer server) {
            this.server = server;
        }

        static CaptureServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
                CaptureServer capture = new CaptureServer(server);
                server.createContext("/", exchange -> {
                    capture.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = "{\"data\":[{\"id\":\"glm-5.1\"}]}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
                return capture;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
