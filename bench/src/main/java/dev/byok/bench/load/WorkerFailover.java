package dev.byok.bench.load;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A killed worker's permits: an org capped at 1, its only permit held by a call of 60 s on one of
 * two workers, and that worker killed (SIGKILL) mid-call. Measured: from the kill until the org's
 * next call starts at the provider, on the surviving worker. It waits for the dead worker's lease to
 * run out (byok.permit-lease) and, if the dead worker owned all the org's queued reviews, for the
 * group to notice the death (the consumer session timeout) and hand its partitions over.
 */
final class WorkerFailover {

    static final Duration CALL = Duration.ofSeconds(60);

    record Result(double seconds, long rejections, int maxInFlight) {
    }

    private WorkerFailover() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        Orgs orgs = new Orgs(stack);
        String org = Orgs.newOrgId("failover");
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(20)).withConcurrencyCap(1));
        orgs.save(org, "main", "sim-large", key, 1);
        orgs.prime(client, bench.reviews, List.of(org));
        bench.simulator.program(key, KeyBehaviour.ok().withLatency(CALL).withConcurrencyCap(1));
        long before = bench.simulator.stats(key).requests();
        for (int i = 0; i < 3; i++) {
            String id = org + "-" + i;
            client.send(org, id, bench.reviews.json(id, org, i));
        }
        client.flush();

        ServiceProcess victim = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (victim == null && System.nanoTime() < deadline) {
            victim = holder(stack, org).orElse(null);
            LoadClient.sleep(20);
        }
        if (victim == null) {
            throw new IllegalStateException("no worker started a call of " + org + " within 60 s");
        }
        victim.kill();
        long killed = System.nanoTime();
        long waitUntil = killed + Duration.ofSeconds(120).toNanos();
        while (bench.simulator.stats(key).requests() < before + 2 && System.nanoTime() < waitUntil) {
            LoadClient.sleep(20);
        }
        double seconds = bench.simulator.stats(key).requests() >= before + 2 ? (System.nanoTime() - killed) / 1e9
                : Double.NaN;
        var stats = bench.simulator.stats(key);
        // The rest of the org's reviews need not wait a minute each: the next runs start clean.
        bench.simulator.program(key, KeyBehaviour.ok().withLatency(Duration.ofMillis(20)).withConcurrencyCap(1));
        bench.log("  worker failover, run %d: the org's next call started %.1f s after the kill of the worker holding"
                + " its only permit; max in flight %d of cap 1, %d rejected for concurrency", run, seconds,
                stats.maxInFlight(), stats.concurrencyRejections());
        bench.report.note("worker failover", String.format(Locale.ROOT, "run %d: next call %.1f s after the kill",
                run, seconds));
        bench.log("  restoring the second worker ...");
        stack.addWorker();
        return new Result(seconds, stats.concurrencyRejections(), stats.maxInFlight());
    }

    private static Optional<ServiceProcess> holder(Stack stack, String org) {
        return stack.workers().stream()
                .filter(w -> w.metrics().sum("byok_worker_calls_in_flight", Map.of("org", org)) >= 1).findFirst();
    }
}
