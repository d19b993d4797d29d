package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RedisPeek;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits you can trust: caps held exactly across workers and through live resizes, every permit
 * used while there is a backlog, and one org's backlog or dead key never delaying another org.
 */
class CapsAndFairnessIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static Stack stack;
    private static ReviewTraffic traffic;
    private static TestOrgs orgs;
    private static RedisPeek redis;

    @BeforeAll
    static void start() {
        stack = SystemUnderTest.stack();
        traffic = SystemUnderTest.traffic();
        orgs = new TestOrgs(stack);
        redis = new RedisPeek(stack.redisUrl());
    }

    @Test
    void aCapChangedUnderLoadFrom1To5To2HoldsAtEachStepAndLeaksNothing() {
        String org = Slots.newOrgId("resize");
        KeyBehaviour slow = KeyBehaviour.ok().withLatency(Duration.ofMillis(250));
        // a new key per step: the simulator then counts the calls of each step on their own
        String one = orgs.key(slow);
        String five = orgs.key(slow);
        String two = orgs.key(slow);
        orgs.save(org, "main", one, 1);
        List<String> ids = orgs.send(traffic, org, 60);

        await().atMost(WITHIN).until(() -> done(ids) >= 5);
        orgs.save(org, "main", five, 5);
        await().atMost(WITHIN).until(() -> stack.simulator().stats(five).requests() >= 15);
        orgs.save(org, "main", two, 2);
        ids.forEach(id -> traffic.await(id, WITHIN));

        assertThat(stack.simulator().stats(one).maxInFlight()).isEqualTo(1);
        assertThat(stack.simulator().stats(five).maxInFlight()).isEqualTo(5);
        assertThat(stack.simulator().stats(two).maxInFlight()).isEqualTo(2);
        assertThat(stack.simulator().stats(two).requests()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.heldPermits(org, "main") == 0);
        assertThat(redis.availablePermits(org, "main")).as("the semaphore ends at the last cap").isEqualTo(2);
    }

    @Test
    void withABacklogEveryPermitIsInUse() {
        String org = Slots.newOrgId("busy");
        int cap = 3;
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(500)).withConcurrencyCap(cap));
        orgs.save(org, "main", key, cap);

        List<ReviewOutcome> outcomes = orgs.send(traffic, org, 30).stream().map(id -> traffic.await(id, WITHIN)).toList();

        // Busy time at the provider over cap x the span from the first call's start to the last call's end:
        // 1.0 means a finished call was always followed by the next one at once.
        List<Attempt> calls = outcomes.stream().map(o -> o.attempts().getFirst()).toList();
        Instant first = calls.stream().map(Attempt::startedAt).min(Instant::compareTo).orElseThrow();
        Instant last = calls.stream().map(a -> a.startedAt().plusMillis(a.latencyMs())).max(Instant::compareTo).orElseThrow();
        long busy = calls.stream().mapToLong(Attempt::latencyMs).sum();
        double utilisation = busy / (double) (cap * Duration.between(first, last).toMillis());
        assertThat(utilisation).as("share of the cap in use while the backlog lasted").isGreaterThan(0.85);
        assertThat(stack.simulator().stats(key).maxInFlight()).isEqualTo(cap);
        assertThat(stack.simulator().stats(key).concurrencyRejections()).isZero();
    }

    @Test
    void anOrgWithoutACapIsStillBoundedByEachWorker() {
        String org = Slots.newOrgId("uncapped");
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(700)));
        orgs.save(org, "main", key, null);

        orgs.send(traffic, org, 80).forEach(id -> traffic.await(id, WITHIN));

        KeyStats stats = stack.simulator().stats(key);
        assertThat(stats.maxInFlight()).isLessThanOrEqualTo(SystemUnderTest.WORKERS * SystemUnderTest.MAX_IN_FLIGHT_PER_WORKER);
        assertThat(stats.maxInFlight()).as("more than one call at a time").isGreaterThan(1);
        assertThat(redis.availablePermits(org, "main")).as("no semaphore for an uncapped slot").isNull();
    }

    @Test
    void aBacklogAndADeadKeyElsewhereDoNotDelayAnotherOrg() {
        String flood = Slots.newOrgId("flood");
        orgs.save(flood, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(200))), 1);
        String dead = Slots.newOrgId("deadkey");
        orgs.save(dead, "main", orgs.key(KeyBehaviour.ok().failingAlways(Fault.httpError(401, "invalid key"))), 2);
        String quiet = Slots.newOrgId("quiet");
        orgs.save(quiet, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(200))), 2);
        // Their topics exist before the measurement: a new topic is a rebalance that may move partitions.
        List.of(flood, dead, quiet).forEach(org -> traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), Set.of(flood, dead, quiet), SystemUnderTest.WORKERS);
        List<String> floodIds = orgs.send(traffic, flood, 40);
        List<String> deadIds = orgs.send(traffic, dead, 100);

        List<Duration> quietLatencies = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant sent = Instant.now();
            String id = orgs.send(traffic, quiet, 1).getFirst();
            traffic.await(id, WITHIN);
            quietLatencies.add(Duration.between(sent, Instant.now()));
        }

        // The flood needs 40 x 200 ms = 8 s at cap 1; each quiet review takes its own 200 ms plus the pipeline.
        assertThat(done(floodIds)).as("the flood is still draining").isLessThan(floodIds.size());
        assertThat(quietLatencies).allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(3)));
        deadIds.forEach(id -> assertThat(traffic.await(id, WITHIN).status()).isEqualTo(ReviewStatus.FAILED));
        floodIds.forEach(id -> traffic.await(id, WITHIN));
    }

    @Test
    void tenThousandReviewsOfOneOrgAtCap1DoNotDelayAnotherOrg() {
        String flood = Slots.newOrgId("flood10k");
        String floodKey = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(50)));
        orgs.save(flood, "main", floodKey, 1);
        String quiet = Slots.newOrgId("quiet10k");
        orgs.save(quiet, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(200))), 2);
        // Their topics exist before the measurement: a new topic is a rebalance that may move partitions.
        List.of(flood, quiet).forEach(org -> traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), Set.of(flood, quiet), SystemUnderTest.WORKERS);

        List<String> floodIds = orgs.sendAll(traffic, flood, 10_000);
        int deleted;
        try {
            await().atMost(WITHIN).until(() -> done(floodIds) >= 10);
            List<Duration> quietLatencies = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Instant sent = Instant.now();
                traffic.await(orgs.send(traffic, quiet, 1).getFirst(), WITHIN);
                quietLatencies.add(Duration.between(sent, Instant.now()));
            }

            // 10,000 calls of 50 ms at cap 1 take over 8 minutes: the flood has barely started
            assertThat(done(floodIds)).as("the flood is still waiting").isLessThan(floodIds.size() / 2);
            assertThat(quietLatencies).allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(3)));
        } finally {
            // End the flood instead of waiting for it (also after a failed check, so that the tests
            // after this one find no backlog): without a config its reviews fail at once.
            deleted = orgs.admin().deleteSlot(flood, "main").status();
            floodIds.forEach(id -> traffic.await(id, Duration.ofSeconds(180)));
        }
        assertThat(deleted).isEqualTo(204);
        assertThat(floodIds).allSatisfy(id -> {
            ReviewOutcome outcome = traffic.outcome(id).orElseThrow();
            assertThat(outcome.status() == ReviewStatus.COMPLETED
                    || outcome.error().code() == dev.byok.model.ErrorCode.BYOK_NOT_CONFIGURED).as(id).isTrue();
        });
        assertThat(stack.simulator().stats(floodKey).maxInFlight()).isEqualTo(1);
    }

    @Test
    void anUncappedBacklogOfSlowCallsLeavesRoomSoAnotherOrgStartsAtOnce() {
        String newcomer = Slots.newOrgId("newcomer");
        orgs.save(newcomer, "main", orgs.key(KeyBehaviour.ok()), null);
        String hog = Slots.newOrgId("hog");
        String hogKey = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(2500)));
        orgs.save(hog, "main", hogKey, null);
        // Both orgs' topics exist before the backlog: a new topic is a rebalance that may move partitions.
        List.of(hog, newcomer).forEach(org -> traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), Set.of(hog, newcomer), SystemUnderTest.WORKERS);
        int slotsLeftOnAWorker = SystemUnderTest.MAX_IN_FLIGHT_PER_WORKER - 1;

        List<String> hogIds = orgs.sendAll(traffic, hog, 120);
        // Every worker that owns some of the hog's partitions (the assignor decides which) runs as
        // many of its calls as it may.
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<Double> inFlight = stack.workers().stream()
                    .map(w -> w.metrics().sum("byok_worker_calls_in_flight", java.util.Map.of("org", hog))).toList();
            return inFlight.stream().anyMatch(n -> n >= slotsLeftOnAWorker)
                    && inFlight.stream().allMatch(n -> n == 0 || n >= slotsLeftOnAWorker);
        });
        Instant saturated = Instant.now();
        List<ReviewOutcome> newcomers = orgs.send(traffic, newcomer, 2).stream().map(id -> traffic.await(id, WITHIN))
                .toList();
        List<Attempt> hogCalls = hogIds.stream().map(id -> traffic.await(id, WITHIN).attempts().getFirst()).toList();

        // The hog's calls running when it had every slot it may take: the newcomer must not wait for one to end.
        Instant firstEnd = hogCalls.stream().filter(a -> a.startedAt().isBefore(saturated))
                .map(a -> a.startedAt().plusMillis(a.latencyMs())).min(Instant::compareTo).orElseThrow();
        assertThat(newcomers).allSatisfy(o -> assertThat(o.attempts().getFirst().startedAt())
                .as("the newcomer's call started while every hog call still ran").isBefore(firstEnd));
        assertThat(stack.simulator().stats(hogKey).maxInFlight()).as("one slot per worker stays free")
                .isLessThanOrEqualTo(SystemUnderTest.WORKERS * slotsLeftOnAWorker);
    }

    @Test
    void anOrgWithABacklogIsPausedWhileAnotherFlowsAcrossARebalanceAndResumesOnceDrained() {
        String backlog = Slots.newOrgId("paused");
        orgs.save(backlog, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(200))), 1);
        String flowing = Slots.newOrgId("flowing");
        orgs.save(flowing, "main", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(100))), 2);
        // Their topics exist before the measurement: a new topic is a rebalance that may move partitions.
        List.of(backlog, flowing).forEach(org -> traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), Set.of(backlog, flowing), SystemUnderTest.WORKERS);

        // 400 calls of 200 ms at cap 1: over a minute of backlog, far above the pause threshold of 10
        List<String> backlogIds = orgs.sendAll(traffic, backlog, 400);
        Set<String> both = Set.of(backlog, flowing);
        int deleted;
        try {
            await().atMost(WITHIN).until(() -> lanesPaused(backlog) >= 1);
            assertFlowsPromptly(flowing);

            ServiceProcess joiner = stack.addWorker();
            try {
                // While the group rebalances every org waits, which is not what is tested here.
                WorkerGroup.awaitSettled(stack.kafkaBootstrap(), both, SystemUnderTest.WORKERS + 1);
                // A partition that moved is paused again by its new owner once that owner has read its backlog.
                await("paused again after the rebalance").atMost(WITHIN).until(() -> lanesPaused(backlog) >= 1);
                assertFlowsPromptly(flowing);
            } finally {
                joiner.close();
            }
            WorkerGroup.awaitSettled(stack.kafkaBootstrap(), both, SystemUnderTest.WORKERS);
            await("paused again after the second rebalance").atMost(WITHIN).until(() -> lanesPaused(backlog) >= 1);
            assertFlowsPromptly(flowing);
            assertThat(done(backlogIds)).as("the backlog is still there").isLessThan(backlogIds.size() / 2);
        } finally {
            // Drain it, also after a failed check so that the tests after this one find no backlog:
            // without a config its reviews fail at once, the lanes empty and resume.
            deleted = orgs.admin().deleteSlot(backlog, "main").status();
            backlogIds.forEach(id -> traffic.await(id, WITHIN));
        }
        assertThat(deleted).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(lanesPaused(backlog)).isZero();
            for (ServiceProcess worker : stack.workers()) {
                assertThat(worker.metrics().sum("byok_worker_lanes_paused", java.util.Map.of())).as(worker.name())
                        .isZero();
            }
        });
    }

    /** On how many workers the org's main lane has its partitions paused now. */
    private static double lanesPaused(String org) {
        return stack.workers().stream().mapToDouble(w -> w.metrics().sum("byok_worker_lane_paused",
                java.util.Map.of("org", org, "slot", "main"))).sum();
    }

    /**
     * The org's reviews complete within seconds. The first one only has to complete: it may be the
     * first of its partition that the partition's new owner reads.
     */
    private static void assertFlowsPromptly(String org) {
        assertThat(traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN).status()).isEqualTo(ReviewStatus.COMPLETED);
        for (int i = 0; i < 2; i++) {
            Instant sent = Instant.now();
            ReviewOutcome outcome = traffic.await(orgs.send(traffic, org, 1).getFirst(), WITHIN);
            assertThat(outcome.status()).isEqualTo(ReviewStatus.COMPLETED);
            assertThat(Duration.between(sent, Instant.now())).as("a review of another org").isLessThan(Duration.ofSeconds(3));
        }
    }

    private static long done(List<String> ids) {
        return ids.stream().filter(id -> traffic.outcome(id).isPresent()).count();
    }
}
