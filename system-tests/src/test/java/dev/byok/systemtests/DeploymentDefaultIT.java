package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.EmbeddedKafkaCluster;
import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A deployment with a default main slot set through the environment (the self-hosted "fixed mode"):
 * orgs without a config of their own are served by it, under one cap shared by all of them since
 * they share one provider account; an org's own config wins; the API shows the default's provider
 * and model, never its key. It runs its own broker: its dispatcher must not serve the other tests.
 */
class DeploymentDefaultIT {

    private static final String DEFAULT_KEY = Slots.newKey();
    private static EmbeddedKafkaCluster kafka;
    private static ProviderSimulator simulator;
    private static Stack stack;
    private static ReviewTraffic traffic;
    private static ByokApi admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaCluster.start(0);
        simulator = ProviderSimulator.start();
        simulator.program(DEFAULT_KEY, KeyBehaviour.ok().withLatency(Duration.ofMillis(300)).withConcurrencyCap(2)
                .withContent("Reviewed by the deployment's model."));
        TestOrgs.KEYS_USED.add(DEFAULT_KEY);
        stack = Stack.start(Path.of("target", "default-run"), kafka.bootstrapServers(), Infrastructure.redisUrl(),
                simulator, 1, SystemUnderTest.withDebugLogging(Map.of(
                        "BYOK_DEFAULT_MAIN_PROVIDER", "openai_compatible",
                        "BYOK_DEFAULT_MAIN_MODEL", "qwen3-coder",
                        "BYOK_DEFAULT_MAIN_BASE_URL", simulator.rootUrl() + "/v1",
                        "BYOK_DEFAULT_MAIN_API_KEY", DEFAULT_KEY,
                        "BYOK_DEFAULT_MAIN_MAX_CONCURRENT_REQUESTS", "2",
                        "LOGGING_LEVEL_DEV_BYOK", "DEBUG")));
        traffic = new ReviewTraffic(kafka.bootstrapServers());
        admin = stack.api(stack.tokens().admin(Duration.ofHours(1)));
    }

    @AfterAll
    static void noKeyAppearsInTheDeploymentsTopicsOrLogsThenStop() {
        try {
            assertThat(SecretScan.findings(stack, TestOrgs.KEYS_USED)).isEmpty();
        } finally {
            stop();
        }
    }

    private static void stop() {
        traffic.close();
        stack.close();
        simulator.close();
        kafka.close();
    }

    @Test
    void anOrgWithoutItsOwnConfigSeesTheDefaultButNotItsKey() {
        ByokApi.Response read = admin.get(Slots.newOrgId("plain"));

        JsonNode view = Json.lenient().readTree(read.body());
        assertThat(view.path("source").asString()).isEqualTo("environment");
        assertThat(view.path("main").path("provider").asString()).isEqualTo("openai_compatible");
        assertThat(view.path("main").path("model").asString()).isEqualTo("qwen3-coder");
        assertThat(view.path("fallback").isNull()).isTrue();
        assertThat(read.body()).doesNotContain(DEFAULT_KEY, DEFAULT_KEY.substring(DEFAULT_KEY.length() - 4));
    }

    @Test
    void orgsWithoutConfigAreServedByTheDefaultUnderOneSharedCap() {
        List<String> ids = new ArrayList<>();
        for (int org = 0; org < 3; org++) {
            String orgId = Slots.newOrgId("fixed");
            for (int i = 0; i < 4; i++) {
                String id = orgId + "-r" + i;
                traffic.send(ReviewTraffic.request(id, orgId, "diff --git a/x b/x"));
                ids.add(id);
            }
        }

        List<ReviewOutcome> outcomes = ids.stream().map(id -> traffic.await(id, Duration.ofSeconds(90))).toList();

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ReviewStatus.COMPLETED);
            assertThat(o.servedBy()).isEqualTo(Slot.MAIN);
            assertThat(o.model()).isEqualTo("qwen3-coder");
            assertThat(o.content()).isEqualTo("Reviewed by the deployment's model.");
        });
        assertThat(simulator.stats(DEFAULT_KEY).maxInFlight()).as("one cap for the shared account").isEqualTo(2);
        assertThat(simulator.stats(DEFAULT_KEY).concurrencyRejections()).isZero();
    }

    @Test
    void anOrgsOwnConfigWinsOverTheDefault() {
        String org = Slots.newOrgId("own");
        String ownKey = Slots.newKey();
        simulator.program(ownKey, KeyBehaviour.ok().withContent("Reviewed on the org's own key."));
        TestOrgs.KEYS_USED.add(ownKey);
        assertThat(admin.putSlot(org, "main", Slots.compatible(simulator.rootUrl() + "/v1", "glm-5.1", ownKey, null))
                .status()).isEqualTo(200);

        traffic.send(ReviewTraffic.request(org + "-r1", org, "diff --git a/x b/x"));
        ReviewOutcome outcome = traffic.await(org + "-r1", Duration.ofSeconds(60));

        assertThat(outcome.model()).isEqualTo("glm-5.1");
        assertThat(outcome.content()).isEqualTo("Reviewed on the org's own key.");
        assertThat(Json.lenient().readTree(admin.get(org).body()).path("source").asString()).isEqualTo("byok");
    }
}
