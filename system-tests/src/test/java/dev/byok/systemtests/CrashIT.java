package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.RedisPeek;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three worker processes on one broker and one Redis, a backlog across orgs with small caps, and a
 * kill -9 of one worker in the middle of its calls: every review still gets exactly one outcome, no
 * cap is exceeded at the provider, and the dead worker's permits come back within their lease.
 */
class CrashIT {

    private static final Duration WITHIN = Duration.ofSeconds(120);

    @Test
    void killingAWorkerMidFlightLosesNothingDuplicatesNothingAndLeaksNoPermit() {
        Stack stack = SystemUnderTest.stack();
        ReviewTraffic traffic = SystemUnderTest.traffic();
        TestOrgs orgs = new TestOrgs(stack);
        RedisPeek redis = new RedisPeek(stack.redisUrl());
        ServiceProcess victim = stack.addWorker();
        assertThat(stack.workers()).hasSize(3);

        Map<String, Integer> caps = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int cap : new int[] {1, 2, 2}) {
            String org = Slots.newOrgId("crash");
            String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(600)).withConcurrencyCap(cap));
            orgs.save(org, "main", key, cap);
            caps.put(org, cap);
            keys.put(org, key);
        }
        caps.keySet().forEach(org -> ids.addAll(orgs.send(traffic, org, 15)));

        await().atMost(WITHIN).until(() -> ids.stream().filter(id -> traffic.outcome(id).isPresent()).count() >= 8);
        victim.kill();

        ids.forEach(id -> traffic.await(id, WITHIN));
        assertThat(ids).allSatisfy(id -> assertThat(traffic.outcomes(id)).as(id).hasSize(1));
        caps.forEach((org, cap) -> {
            assertThat(stack.simulator().stats(keys.get(org)).maxInFlight()).as(org).isLessThanOrEqualTo(cap);
            assertThat(stack.simulator().stats(keys.get(org)).concurrencyRejections()).as(org).isZero();
        });
        await().atMost(SystemUnderTest.PERMIT_LEASE.plusSeconds(2)).untilAsserted(() -> caps.keySet()
                .forEach(org -> assertThat(redis.heldPermits(org, "main")).as(org).isZero()));
    }
}
