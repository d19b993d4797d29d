package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RedisPeek;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Three worker processes on one broker and one Redis, a backlog across orgs with small caps, and a
 * kill -9 of one worker while it holds permits: every review still gets exactly one outcome, no
 * cap is exceeded at the provider, the dead worker's permits run out within their lease counted
 * from the kill and are taken back, and every call made twice is counted in {@code byok.worker.calls.repeated}.
 */
class CrashIT {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Duration CALL = Duration.ofMillis(600);
    /** Longer than any live call holds its permit (600 ms and some), shorter than the 5 s lease. */
    private static final Duration LIVE_CALLS_OVER = Duration.ofMillis(2500);
    /** Leases are stamped with the clock of the worker that took them; here all run on this machine. */
    private static final long CLOCK_MARGIN_MS = 200;

    @Test
    void killingAWorkerMidFlightLosesNothingDuplicatesNothingAndItsPermitsComeBackWithinTheLease() throws Exception {
        Stack stack = SystemUnderTest.stack();
        ReviewTraffic traffic = SystemUnderTest.traffic();
        TestOrgs orgs = new TestOrgs(stack);
        RedisPeek redis = new RedisPeek(stack.redisUrl());
        stack.addWorker();
        assertThat(stack.workers()).hasSize(3);

        Map<String, Integer> caps = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int cap : new int[] {1, 2, 2}) {
            String org = Slots.newOrgId("crash");
            String key = orgs.key(KeyBehaviour.ok().withLatency(CALL).withConcurrencyCap(cap));
            orgs.save(org, "main", key, cap);
            caps.put(org, cap);
            keys.put(org, key);
        }
        List<String> ids = new ArrayList<>();
        // A few reviews first create the orgs' topics; then the group settles, so that no partition of
        // these orgs moves before the kill (a move is a repeated call too, counted by its new owner).
        caps.keySet().forEach(org -> ids.addAll(orgs.sendAll(traffic, org, 4)));
        ids.forEach(id -> traffic.await(id, WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), caps.keySet(), 3);
        caps.keySet().forEach(org -> ids.addAll(orgs.sendAll(traffic, org, 25)));

        // The victim is a worker with calls of these orgs in flight: which one owns their partitions
        // is the assignor's choice.
        AtomicReference<ServiceProcess> chosen = new AtomicReference<>();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
            stack.workers().stream().filter(w -> sum(w, "byok_worker_calls_in_flight", caps.keySet()) >= 1)
                    .findFirst().ifPresent(chosen::set);
            return chosen.get() != null;
        });
        ServiceProcess victim = chosen.get();
        double repeatedByVictim = sum(victim, "byok_worker_calls_repeated_total", caps.keySet());
        victim.kill();
        Instant killedAt = Instant.now();
        Map<String, Map<String, Long>> heldAtKill = new HashMap<>();
        caps.keySet().forEach(org -> heldAtKill.put(org, redis.permitLeases(org, "main")));

        // Every permit held at the kill runs out within the lease: its expiry, as Redis keeps it, says so.
        long leaseOver = killedAt.plus(SystemUnderTest.PERMIT_LEASE).plusMillis(CLOCK_MARGIN_MS).toEpochMilli();
        heldAtKill.forEach((org, leases) -> assertThat(leases).as(org).allSatisfy((id, expiresAt) ->
                assertThat(expiresAt).as("lease %s", id).isLessThanOrEqualTo(leaseOver)));
        // The live workers' permits come back as their calls end; the dead worker's once their leases
        // have run out and a live worker asks for a permit of that org, which, if the dead worker
        // owned all the org's partitions, happens only after the group has noticed the death.
        AtomicReference<Instant> deadPermitSeen = new AtomicReference<>();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean anyHeld = false;
            for (String org : caps.keySet()) {
                Set<String> still = new HashSet<>(heldAtKill.get(org).keySet());
                still.retainAll(redis.permitLeases(org, "main").keySet());
                anyHeld |= !still.isEmpty();
            }
            if (anyHeld && Instant.now().isAfter(killedAt.plus(LIVE_CALLS_OVER))) {
                deadPermitSeen.set(Instant.now());
            }
            return !anyHeld;
        });
        assertThat(deadPermitSeen.get()).as("the killed worker held permits that outlived every live call").isNotNull();

        ids.forEach(id -> traffic.await(id, WITHIN));
        assertThat(ids).allSatisfy(id -> assertThat(traffic.outcomes(id)).as(id).hasSize(1));
        double repeated = repeatedByVictim;
        for (ServiceProcess survivor : stack.workers()) {
            repeated += sum(survivor, "byok_worker_calls_repeated_total", caps.keySet());
        }
        long calls = 0;
        long reviews = 0;
        for (Map.Entry<String, Integer> org : caps.entrySet()) {
            String key = keys.get(org.getKey());
            assertThat(stack.simulator().stats(key).maxInFlight()).as(org.getKey()).isLessThanOrEqualTo(org.getValue());
            assertThat(stack.simulator().stats(key).concurrencyRejections()).as(org.getKey()).isZero();
            calls += stack.simulator().stats(key).requests();
            reviews += ids.stream().filter(id -> id.startsWith(org.getKey() + "-")).count();
        }
        assertThat(repeated).as("the calls in flight on the killed worker were made again").isPositive();
        assertThat((long) repeated).as("calls at the provider beyond one per review are the repeated ones")
                .isEqualTo(calls - reviews);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> caps.forEach((org, cap) -> {
            assertThat(redis.availablePermits(org, "main")).as(org).isEqualTo(cap.longValue());
            assertThat(redis.permitLeases(org, "main")).as(org).isEmpty();
        }));
    }

    private static double sum(ServiceProcess worker, String metric, Set<String> orgs) {
        var scrape = worker.metrics();
        return orgs.stream().mapToDouble(org -> scrape.sum(metric, Map.of("org", org))).sum();
    }
}
