package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every command of the byok tool against the running system (config-service, dispatcher and
 * workers as processes, a real broker and Redis), started as a user starts it, with its settings
 * in the environment. Bad input gets one line on stderr and a non-zero exit.
 */
class CliIT {

    private final Stack stack = SystemUnderTest.stack();
    private final TestOrgs orgs = new TestOrgs(stack);
    private final ReviewTraffic traffic = SystemUnderTest.traffic();
    /** What ./run-local serve tells a user to export, with no token: the CLI mints an admin one from the secret. */
    private final Cli cli = new Cli(Map.of("BYOK_URL", stack.configService().baseUrl(),
            "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap(), "BYOK_JWT_SECRET", stack.jwtSecret()));

    @Test
    void aTokenItMintsIsOneConfigServiceAcceptsForThoseOrgsOnly() {
        String org = Slots.newOrgId("cli-token");

        Cli.Run minted = cli.run("token", "--org", org, "--ttl", "PT10M");

        assertThat(minted.exit()).as(minted.err()).isZero();
        ByokApi api = stack.api(minted.out().strip());
        assertThat(api.get(org).status()).isEqualTo(200);
        assertThat(api.get(Slots.newOrgId("other")).status()).isEqualTo(403);
    }

    @Test
    void orgsListsTheConfiguredOrgsToAnAdminAndToNobodyElse() {
        String org = Slots.newOrgId("cli-orgs");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok()), 2);

        Cli.Run listed = cli.run("orgs");

        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern(org + "\\s+1\\s+openai_compatible/glm-5.1 cap 2\\s+-");
        String orgToken = cli.run("token", "--org", org).out().strip();
        Cli orgUser = new Cli(Map.of("BYOK_URL", stack.configService().baseUrl(), "BYOK_TOKEN", orgToken));
        assertThat(orgUser.run("orgs").failedInOneLine().err()).contains("403");
        assertThat(orgUser.run("show", org).out()).as("its own org's status").contains("org " + org);
        assertThat(orgUser.run("show", Slots.newOrgId("other")).failedInOneLine().err()).contains("403");
    }

    @Test
    void showTellsThePermitsHeldAndTheCallsInFlightWhileAReviewRuns() throws IOException {
        String org = Slots.newOrgId("cli-show");
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(2500)));
        orgs.save(org, "main", key, 1);

        for (int i = 0; i < 3; i++) {
            send(org);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Cli.Run shown = cli.run("show", org);
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("org " + org + "  (config from byok, version 1)",
                    "main      openai_compatible/glm-5.1  key ", "cap 1", "permits held 1/1 (leases end ",
                    "in flight 1", "breaker CLOSED", "fallback  not configured");
            assertThat(shown.out()).doesNotContain(key);
        });
    }

    @Test
    void showTellsACooldownTheProviderAskedForAndTheFailuresBehindIt() throws IOException {
        String org = Slots.newOrgId("cli-cool");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok().failingAlways(Fault.rateLimited(Duration.ofSeconds(120)))), 2);
        orgs.save(org, "fallback", orgs.key(KeyBehaviour.ok()), 2);

        String reviewId = send(org);
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.outcome(reviewId).isPresent());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli.Run shown = cli.run("show", org);
            assertThat(shown.out()).contains("cooling down until", "failures RATE_LIMITED=1", "last RATE_LIMITED at ");
        });
    }

    @Test
    void aReviewSentIsFollowedToItsOutcome() throws IOException {
        String org = Slots.newOrgId("cli-review");
        orgs.save(org, "main", orgs.key(KeyBehaviour.ok()), 2);

        String reviewId = send(org);
        Cli.Run watched = cli.run("review", "watch", reviewId, "--timeout", "PT90S");

        assertThat(watched.exit()).as(watched.err()).isZero();
        assertThat(watched.out()).contains(org + "  " + reviewId + "  COMPLETED  by main openai_compatible/glm-5.1",
                "attempts main SUCCESS 200");
        Cli.Run byOrg = cli.run("review", "watch", org, "--since", "PT10M", "--timeout", "PT3S");
        assertThat(byOrg.exit()).as(byOrg.err()).isZero();
        assertThat(byOrg.out()).contains(reviewId + "  COMPLETED");
    }

    @Test
    void deadLettersAreListedWithTheirReasonAndReplayedToWhereTheyCameFrom() {
        String marker = "cli-dlt-" + UUID.randomUUID();
        traffic.send(marker, "not a review at all".getBytes(StandardCharsets.UTF_8));

        String line = await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("dlt", "list", "--limit", "100000").out()
                .lines().filter(l -> l.contains("key " + marker)).findFirst().orElse(null), l -> l != null);
        String position = line.substring(0, line.indexOf(' '));
        String listed = cli.run("dlt", "list", "--limit", "100000").out();
        assertThat(listed).contains(line + "\n    reason: not a valid ReviewRequested");

        Cli.Run replayed = cli.run("dlt", "replay", position);

        assertThat(replayed.exit()).as(replayed.err()).isZero();
        assertThat(replayed.out()).contains("replayed " + position + " to byok.reviews.requested");
        await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("dlt", "list", "--limit", "100000").out()
                .lines().filter(l -> l.contains("key " + marker)).count() == 2);
    }

    @Test
    void badInputGetsOneLineAndANonZeroExitNeverAStackTrace() throws IOException {
        Path notJson = Files.createTempFile("review", ".json");
        Files.writeString(notJson, "{\"messages\": [");

        cli.run().failedInOneLine();
        cli.run("frobnicate").failedInOneLine();
        cli.run("token").failedInOneLine();
        new Cli(Map.of()).run("token", "--admin").failedInOneLine();
        new Cli(Map.of("BYOK_JWT_SECRET", "short")).run("token", "--admin").failedInOneLine();
        cli.run("token", "--org", "not an org").failedInOneLine();
        cli.run("show", "bad..org").failedInOneLine();
        cli.run("show").failedInOneLine();
        new Cli(Map.of("BYOK_URL", stack.configService().baseUrl(), "BYOK_TOKEN", "not-a-jwt"))
                .run("show", "acme").failedInOneLine();
        new Cli(Map.of("BYOK_URL", "http://127.0.0.1:1", "BYOK_JWT_SECRET", stack.jwtSecret()))
                .run("orgs").failedInOneLine();
        cli.run("review", "send", "acme").failedInOneLine();
        cli.run("review", "send", "acme", "--file", "/no/such/file").failedInOneLine();
        cli.run("review", "send", "acme", "--file", notJson.toString()).failedInOneLine();
        cli.run("review", "send", "acme", "--file", notJson.toString(), "--id", "has space").failedInOneLine();
        cli.run("review", "watch", "a b").failedInOneLine();
        cli.run("review", "watch", "--timeout", "soon").failedInOneLine();
        cli.run("dlt", "replay").failedInOneLine();
        cli.run("dlt", "replay", "zero").failedInOneLine();
        cli.run("dlt", "replay", "0:999999999").failedInOneLine();
        new Cli(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")).run("dlt", "list").failedInOneLine();
    }

    /** byok review send, with the review in a file as a user keeps it; returns the reviewId it printed. */
    private String send(String org) throws IOException {
        Path file = Files.createTempFile("review", ".json");
        Files.writeString(file, """
                {"messages":[{"role":"system","content":"You review code."},{"role":"user","content":"diff --git a/x b/x"}],
                 "metadata":{"repository":"%s/api"}}""".formatted(org));
        Cli.Run sent = cli.run("review", "send", org, "--file", file.toString());
        assertThat(sent.exit()).as(sent.err()).isZero();
        String reviewId = sent.out().strip();
        assertThat(reviewId).startsWith("cli-");
        TestOrgs.REVIEWS_SENT.add(reviewId);
        return reviewId;
    }
}
