package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.AttemptOutcome;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider (or a base URL an org controls) that answers with a megabyte of error text. Before,
 * the key scrubber's expression took time cubic in such a text (a few thousand letters froze a probe
 * and a review, and the carrier threads under them). Now the probe answers in seconds, the review
 * gets its outcome, and another org's reviews flow meanwhile.
 */
class HostileProviderIT {

    private static final Duration OUTCOME_WITHIN = Duration.ofSeconds(60);
    /** One mebibyte of letters without a digit: the shape that made the old key-shape expression cubic. */
    private static final String MEGABYTE_OF_ERROR = "The model is overloaded " + "a".repeat(1 << 20);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;

    @BeforeAll
    static void startSystem() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
    }

    @Test
    void aMegabyteOfErrorTextNeitherFreezesAProbeNorAReviewNorAnybodyElse() {
        String hostile = Slots.newOrgId("hostile");
        String hostileKey = orgs.key(KeyBehaviour.ok()
                .failingMetadataCalls(Fault.httpError(500, MEGABYTE_OF_ERROR))
                .failingAlways(Fault.httpError(500, MEGABYTE_OF_ERROR)));
        orgs.save(hostile, "main", hostileKey, 4);
        orgs.save(hostile, "fallback", orgs.key(KeyBehaviour.ok().withContent("Fallback review.")), 4);
        String quiet = Slots.newOrgId("bystander");
        orgs.save(quiet, "main", orgs.key(KeyBehaviour.ok()), 4);

        List<String> hostileReviews = orgs.sendAll(traffic, hostile, 8);
        long probeStarted = System.nanoTime();
        ByokApi.Response probe = orgs.admin().send("POST", "/api/v1/orgs/" + hostile + "/byok/main/test", null, null);
        Duration probeTook = Duration.ofNanos(System.nanoTime() - probeStarted);
        List<String> quietReviews = orgs.sendAll(traffic, quiet, 8);

        assertThat(probe.status()).as(probe.body()).isEqualTo(200);
        assertThat(probe.body()).contains("\"ok\":false", "SERVER_ERROR").hasSizeLessThan(4096);
        assertThat(probeTook).as("the probe answered in seconds").isLessThan(Duration.ofSeconds(20));
        for (String id : quietReviews) {
            assertThat(traffic.await(id, OUTCOME_WITHIN).status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
        }
        List<dev.byok.model.Attempt> mainAttempts = new java.util.ArrayList<>();
        for (String id : hostileReviews) {
            ReviewOutcome outcome = traffic.await(id, OUTCOME_WITHIN);
            assertThat(outcome.status()).as(id).isEqualTo(ReviewStatus.COMPLETED);
            assertThat(outcome.servedBy()).isEqualTo(Slot.FALLBACK);
            // once main's breaker opens, later reviews skip main altogether
            outcome.attempts().stream().filter(a -> a.slot() == Slot.MAIN).forEach(mainAttempts::add);
        }
        assertThat(mainAttempts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
            assertThat(a.detail()).as("a bounded detail").hasSizeLessThan(1024);
        });
    }
}
