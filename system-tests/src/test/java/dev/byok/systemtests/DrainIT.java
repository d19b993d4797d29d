package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rolling deploy's SIGTERM to a worker under load, while its calls are in flight: the worker
 * stops taking reviews, lets its calls finish (well within byok.shutdown-grace), publishes their
 * outcomes and offsets, gives its permits back and leaves the group. Nobody pays twice: the
 * provider sees exactly one call per review, every review has one outcome, and the caps hold.
 */
class DrainIT {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    /** Long enough that a SIGTERM lands mid-call, far shorter than the grace period. */
    private static final Duration CALL = Duration.ofMillis(1500);
    private static final Pattern DRAINING = Pattern.compile("Draining: (\\d+) calls in flight");

    @Test
    void aWorkerStoppedUnderLoadFinishesItsCallsAndNoCallIsMadeTwice() throws Exception {
        Stack stack = SystemUnderTest.stack();
        ReviewTraffic traffic = SystemUnderTest.traffic();
        TestOrgs orgs = new TestOrgs(stack);
        stack.addWorker();

        Map<String, Integer> caps = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int cap : new int[] {1, 2, 4}) {
            String org = Slots.newOrgId("drain");
            String key = orgs.key(KeyBehaviour.ok().withLatency(CALL).withConcurrencyCap(cap));
            orgs.save(org, "main", key, cap);
            caps.put(org, cap);
            keys.put(org, key);
        }
        List<String> ids = new ArrayList<>();
        // A few reviews create the orgs' topics; then the group settles, so that no partition moves
        // for any reason but the stop under test.
        caps.keySet().forEach(org -> ids.addAll(orgs.sendAll(traffic, org, 2)));
        ids.forEach(id -> traffic.await(id, WITHIN));
        WorkerGroup.awaitSettled(stack.kafkaBootstrap(), caps.keySet(), stack.workers().size());
        // The warm-up's calls may have been made twice: a partition that moves while its call runs is
        // served again by its new owner (CrashIT counts those). Only the calls from here on are tested.
        Map<String, Long> callsBefore = new LinkedHashMap<>();
        keys.forEach((org, key) -> callsBefore.put(org, stack.simulator().stats(key).requests()));
        List<String> drained = new ArrayList<>();
        caps.keySet().forEach(org -> drained.addAll(orgs.sendAll(traffic, org, 12)));
        ids.addAll(drained);

        AtomicReference<ServiceProcess> chosen = new AtomicReference<>();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
            stack.workers().stream().filter(w -> inFlight(w, caps) >= 1).findFirst().ifPresent(chosen::set);
            return chosen.get() != null;
        });
        ServiceProcess victim = chosen.get();
        victim.close(); // SIGTERM, and wait for the process to end

        ids.forEach(id -> traffic.await(id, WITHIN));
        assertThat(ids).allSatisfy(id -> assertThat(traffic.outcomes(id)).as(id).hasSize(1));
        for (Map.Entry<String, Integer> org : caps.entrySet()) {
            var stats = stack.simulator().stats(keys.get(org.getKey()));
            long reviews = drained.stream().filter(id -> id.startsWith(org.getKey() + "-")).count();
            assertThat(stats.requests() - callsBefore.get(org.getKey()))
                    .as("calls of %s: one per review, none made twice", org.getKey()).isEqualTo(reviews);
            assertThat(stats.maxInFlight()).as(org.getKey()).isLessThanOrEqualTo(org.getValue());
            assertThat(stats.concurrencyRejections()).as(org.getKey()).isZero();
        }
        String log = Files.readString(victim.logFile());
        Matcher draining = DRAINING.matcher(log);
        assertThat(draining.find()).as("the stopped worker drained").isTrue();
        assertThat(Integer.parseInt(draining.group(1))).as("calls in flight when SIGTERM came").isPositive();
        assertThat(log).doesNotContain("Shutdown grace over");
    }

    private static double inFlight(ServiceProcess worker, Map<String, Integer> caps) {
        var scrape = worker.metrics();
        return caps.keySet().stream().mapToDouble(org -> scrape.sum("byok_worker_calls_in_flight", Map.of("org", org)))
                .sum();
    }
}
