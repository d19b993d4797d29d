package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.model.Attempt;
import dev.byok.model.ReviewStatus;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pipeline overhead: reviews at a fixed rate (open loop) over several orgs whose provider answers
 * after exactly L; for each review, the time from handing it to the producer until this client
 * reads its outcome (read_committed), minus L. Everything else is the system: the dispatcher's
 * transaction, the worker's poll, permit, HTTP round trip and transaction, and the reads between.
 */
final class PipelineOverhead {

    static final int RATE = 500;
    /** A rate this machine sustains, for comparison when 500/s is more than it can take. */
    static final int LOW_RATE = 100;
    static final int ORGS = 5;
    static final int CAP = 32;
    static final Duration LATENCY = Duration.ofMillis(50);
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURE = Duration.ofSeconds(20);

    record Result(double p50, double p99, double max, int measured, double achievedRate, CpuMeter.Usage cpu,
            TransactionProbe.Latencies transactions) {
    }

    private PipelineOverhead() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        return run(bench, stack, client, run, RATE);
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run, int rate) {
        Orgs orgs = new Orgs(stack);
        List<String> orgIds = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            String org = Orgs.newOrgId("ovh");
            orgs.save(org, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(LATENCY)), CAP);
            orgIds.add(org);
        }
        orgs.prime(client, bench.reviews, orgIds);
        try (TopicWatcher tenants = new TopicWatcher(bench.kafka, orgIds.stream()
                .map(org -> Topics.tenantTopic(org, Slot.MAIN)).toList())) {
            return measure(bench, stack, client, run, rate, orgIds, tenants);
        }
    }

    private static Result measure(Bench bench, Stack stack, LoadClient client, int run, int rate, List<String> orgIds,
            TopicWatcher tenants) {
        List<String> warm = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        CpuMeter meter = bench.cpu(stack);
        CpuMeter.Snapshot[] window = new CpuMeter.Snapshot[2];
        int warmCount = (int) (rate * WARM_UP.toMillis() / 1000);
        // A worker-shaped transaction every 100 ms while the load runs: what one costs on this broker now.
        java.util.concurrent.atomic.AtomicBoolean loadDone = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<TransactionProbe.Latencies> txn = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> TransactionProbe.measure(bench.kafka, Integer.MAX_VALUE - 100, 100, loadDone::get));
        long started = System.nanoTime();
        int sent = Pacer.run(rate, WARM_UP.plus(MEASURE), i -> {
            if (i == warmCount) {
                window[0] = meter.snapshot();
            }
            String org = orgIds.get(i % ORGS);
            String id = org + "-" + i;
            (i < warmCount ? warm : measured).add(id);
            client.send(org, id, bench.reviews.json(id, org, i));
        });
        window[1] = meter.snapshot();
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        loadDone.set(true);
        TransactionProbe.Latencies transactions = txn.join();
        client.flush();
        List<String> all = new ArrayList<>(warm);
        all.addAll(measured);
        boolean complete = client.awaitAll(all, Duration.ofSeconds(120));
        CpuMeter.Usage cpu = CpuMeter.Usage.between(window[0], window[1]);

        List<Double> overhead = new ArrayList<>();
        List<Double> dispatch = new ArrayList<>();
        List<Double> pickup = new ArrayList<>();
        List<Double> beforeCall = new ArrayList<>();
        List<Double> callOverhead = new ArrayList<>();
        List<Double> afterCall = new ArrayList<>();
        int failed = 0;
        int missing = 0;
        for (String id : measured) {
            LoadClient.Received received = client.received(id);
            if (received == null) {
                missing++;
                continue;
            }
            LoadClient.Sent s = client.sent(id);
            double e2e = (received.nanos() - s.nanos()) / 1e6;
            overhead.add(e2e - LATENCY.toMillis());
            if (received.outcome().status() != ReviewStatus.COMPLETED) {
                failed++;
            }
            if (!received.outcome().attempts().isEmpty()) {
                Attempt a = received.outcome().attempts().getFirst();
                beforeCall.add(millisBetween(s.wall(), a.startedAt()));
                java.time.Instant onTenantTopic = tenants.seen(id);
                if (onTenantTopic != null) {
                    dispatch.add(millisBetween(s.wall(), onTenantTopic));
                    pickup.add(millisBetween(onTenantTopic, a.startedAt()));
                }
                callOverhead.add((double) a.latencyMs() - LATENCY.toMillis());
                afterCall.add(millisBetween(a.startedAt().plusMillis(a.latencyMs()), received.wall()));
            }
        }
        Samples o = Samples.of(overhead);
        Samples before = Samples.of(beforeCall);
        Samples disp = Samples.of(dispatch);
        Samples pick = Samples.of(pickup);
        Samples call = Samples.of(callOverhead);
        Samples after = Samples.of(afterCall);
        double achieved = (warm.size() + measured.size()) / sendSeconds;
        bench.log("  pipeline overhead at %d/s, run %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d reviews at %.0f/s%s%s",
                rate, run, o.percentile(50), o.percentile(99), o.max(), o.count(), achieved,
                failed > 0 ? ", " + failed + " not COMPLETED" : "", complete ? "" : ", " + missing + " outcomes missing");
        bench.log("    p50/p99: dispatcher (produced -> readable on the tenant topic) %.1f/%.1f ms, worker pick-up"
                + " (readable -> provider call starts) %.1f/%.1f ms, HTTP beyond L %.1f/%.1f ms, worker finish"
                + " (call ends -> outcome read by the client) %.1f/%.1f ms", disp.percentile(50), disp.percentile(99),
                pick.percentile(50), pick.percentile(99), call.percentile(50), call.percentile(99),
                after.percentile(50), after.percentile(99));
        bench.log("    CPU while measuring: %s", cpu.describe());
        bench.log("    meanwhile a worker-shaped Kafka transaction took p50 %.1f ms, p99 %.1f ms, and its record was"
                + " readable (read_committed) p50 %.1f ms, p99 %.1f ms after the commit returned",
                transactions.commit().percentile(50), transactions.commit().percentile(99),
                transactions.visible().percentile(50), transactions.visible().percentile(99));
        bench.report.note("pipeline overhead at " + rate + "/s", String.format(Locale.ROOT,
                "run %d: %d reviews at %.0f/s; overhead p50 %.1f / p99 %.1f / max %.1f ms; p50/p99 by stage: dispatcher"
                        + " %.1f/%.1f, worker pick-up %.1f/%.1f, HTTP beyond L %.1f/%.1f, worker finish + client read"
                        + " %.1f/%.1f ms; a Kafka transaction meanwhile p50 %.1f / p99 %.1f ms, readable after commit"
                        + " p50 %.1f / p99 %.1f ms; CPU: %s",
                run, o.count(), achieved, o.percentile(50), o.percentile(99), o.max(), disp.percentile(50),
                disp.percentile(99), pick.percentile(50), pick.percentile(99), call.percentile(50), call.percentile(99),
                after.percentile(50), after.percentile(99), transactions.commit().percentile(50),
                transactions.commit().percentile(99), transactions.visible().percentile(50),
                transactions.visible().percentile(99), cpu.describe()));
        if (sent < rate * (WARM_UP.plus(MEASURE).toMillis() / 1000) * 0.98) {
            bench.log("    note: the load client sent only %d reviews (the harness itself could not keep the rate)", sent);
        }
        return new Result(o.percentile(50), o.percentile(99), o.max(), o.count(), achieved, cpu, transactions);
    }

    static double millisBetween(java.time.Instant from, java.time.Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
