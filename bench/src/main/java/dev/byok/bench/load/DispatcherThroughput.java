package dev.byok.bench.load;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dispatcher throughput: a backlog of 4 KiB reviews over several orgs is written to the ingress
 * topic while no dispatcher runs; then a dispatcher starts, and its committed offsets are sampled
 * as it works through the backlog. Sustained rate = the middle 80 % of the backlog over the time it
 * took (start-up and the tail are left out). No workers run: this measures the dispatcher alone.
 */
final class DispatcherThroughput {

    static final int ORGS = 8;
    static final String GROUP = "byok-review-dispatcher";

    record Result(double perSecond, CpuMeter.Usage cpu, double produceRate) {
    }

    private DispatcherThroughput() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, ServiceProcess[] dispatcher, int backlog, int run) {
        Orgs orgs = new Orgs(stack);
        List<String> orgIds = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            String org = Orgs.newOrgId("disp");
            orgs.save(org, "main", "sim-large", orgs.key(KeyBehaviour.ok()), 4);
            orgIds.add(org);
        }
        dispatcher[0].close();
        try (Offsets offsets = new Offsets(bench.kafka)) {
            long startCommitted = offsets.committedSum(GROUP, Topics.REVIEWS_REQUESTED);
            long endBefore = offsets.endSum(Topics.REVIEWS_REQUESTED);
            long produceStart = System.nanoTime();
            for (int i = 0; i < backlog; i++) {
                String org = orgIds.get(i % ORGS);
                String id = org + "-" + i;
                client.send(org, id, bench.reviews.json(id, org, i));
            }
            client.flush();
            double produceRate = backlog / ((System.nanoTime() - produceStart) / 1e9);
            long target = endBefore + backlog - startCommitted;

            Map<String, String> env = new LinkedHashMap<>(bench.serviceEnv);
            env.put("KAFKA_BOOTSTRAP_SERVERS", bench.kafka);
            dispatcher[0] = ServiceProcess.start("review-dispatcher-bench-" + run, "review-dispatcher", env,
                    stack.runDir());
            CpuMeter meter = new CpuMeter().watch("dispatcher", dispatcher[0].pid());
            if (bench.brokerPid > 0) {
                meter.watch("kafka", bench.brokerPid);
            }
            meter.watch("harness(client)", ProcessHandle.current().pid());
            Window window = middle80(offsets, startCommitted, target, Duration.ofMinutes(5), meter);
            double rate = window.rate(target);
            CpuMeter.Usage cpu = CpuMeter.Usage.between(window.from(), window.to());
            bench.log("  dispatcher throughput, run %d: %,.0f requests/s over the middle 80%% of %,d (loaded at %,.0f/s);"
                    + " CPU: %s", run, rate, backlog, produceRate, cpu.describe());
            bench.report.note("dispatcher throughput", String.format(Locale.ROOT,
                    "run %d: %,.0f requests/s (4 KiB reviews, %d orgs, middle 80%% of a %,d backlog); CPU: %s", run,
                    rate, ORGS, backlog, cpu.describe()));
            return new Result(rate, cpu, produceRate);
        }
    }

    /** When the dispatcher had committed 10 % and 90 % of a backlog, with the CPU snapshots at both. */
    record Window(long t10, long t90, CpuMeter.Snapshot from, CpuMeter.Snapshot to) {

        /** The sustained rate: the middle 80 % of {@code target} over the time it took. */
        double rate(long target) {
            return (target * 0.8) / ((t90 - t10) / 1e9);
        }
    }

    /**
     * Samples the dispatcher group's committed offsets on the ingress topic until {@code target}
     * requests past {@code startCommitted} are done, noting when 10 % and 90 % were.
     */
    static Window middle80(Offsets offsets, long startCommitted, long target, Duration within, CpuMeter meter) {
        long t10 = -1;
        CpuMeter.Snapshot from = null;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            long done = offsets.committedSum(GROUP, Topics.REVIEWS_REQUESTED) - startCommitted;
            long now = System.nanoTime();
            if (t10 < 0 && done >= target / 10) {
                t10 = now;
                from = meter.snapshot();
            }
            if (t10 >= 0 && done >= target * 9 / 10) {
                return new Window(t10, now, from, meter.snapshot());
            }
            LoadClient.sleep(20);
        }
        throw new IllegalStateException("the dispatcher did not work through " + target + " requests within " + within);
    }
}
