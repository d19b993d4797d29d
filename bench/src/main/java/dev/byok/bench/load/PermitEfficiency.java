package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.model.ReviewStatus;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Permit efficiency: an org with a backlog of N reviews, cap C and provider latency L can at best
 * finish C/L reviews per second. Achieved throughput is N over the span from the first call's
 * arrival at the simulator to the last call's end; efficiency is its ratio to C/L. The simulator
 * enforces the cap itself, so any call beyond it would show as a 429 "Too much concurrency".
 */
final class PermitEfficiency {

    static final int CAP = 4;
    static final Duration LATENCY = Duration.ofMillis(200);
    static final int BACKLOG = 400;
    static final int BACKLOG_AT_ONE_SECOND = 120;

    /** What one run measured; also the "ours" side of the naive comparison. */
    record Result(double efficiency, long calls, long rejections, int maxInFlight, double completionSeconds,
            long failed, Samples handoffGaps, double longestPartitionWaitMs) {
    }

    /** Partitions of a tenant topic (the dispatcher's byok.tenant-partitions default). */
    static final int TENANT_PARTITIONS = 4;

    private PermitEfficiency() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int workers, int run) {
        return run(bench, stack, client, workers, run, LATENCY, BACKLOG);
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int workers, int run, Duration latency,
            int backlog) {
        Orgs orgs = new Orgs(stack);
        CpuMeter meter = bench.cpu(stack);
        String org = Orgs.newOrgId("eff" + workers + "w");
        String key = orgs.key(KeyBehaviour.ok().withLatency(latency).withConcurrencyCap(CAP));
        orgs.save(org, "main", "sim-large", key, CAP);
        orgs.prime(client, bench.reviews, List.of(org));

        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            String id = org + "-" + i;
            ids.add(id);
            client.send(org, id, bench.reviews.json(id, org, i));
        }
        client.flush();
        CpuMeter.Snapshot cpuFrom = meter.snapshot();
        if (!client.awaitAll(ids, Duration.ofSeconds(30 + 3L * backlog * latency.toMillis() / CAP / 1000))) {
            throw new IllegalStateException("permit efficiency: only " + client.count(ids) + " of " + backlog
                    + " outcomes arrived");
        }
        CpuMeter.Usage cpu = CpuMeter.Usage.between(cpuFrom, meter.snapshot());
        long lastOutcome = ids.stream().mapToLong(id -> client.received(id).nanos()).max().orElseThrow();
        long failed = ids.stream().filter(id -> client.received(id).outcome().status() != ReviewStatus.COMPLETED).count();

        List<Instant> arrivals = stack.simulator().capturedRequests(key).stream().map(CapturedRequest::receivedAt)
                .filter(t -> !t.isBefore(start)).sorted().toList();
        Instant first = arrivals.getFirst();
        Instant lastEnd = arrivals.getLast().plus(latency);
        double spanSeconds = Duration.between(first, lastEnd).toNanos() / 1e9;
        double ideal = (double) CAP / (latency.toMillis() / 1000.0);
        double efficiency = (backlog / spanSeconds) / ideal;
        KeyStats stats = stack.simulator().stats(key);
        Samples gaps = Samples.of(handoffGaps(arrivals, latency, CAP));
        double longestWait = longestPartitionWait(client, ids);
        Result result = new Result(efficiency, arrivals.size(), stats.concurrencyRejections(), stats.maxInFlight(),
                (lastOutcome - startNanos) / 1e9, failed, gaps, longestWait);
        bench.log("    longest wait of one partition while the org was saturated (between two call starts of its"
                + " reviews): %.0f ms = %.1f x L (target <= 2 x L)", longestWait, longestWait / latency.toMillis());
        bench.log("  permit efficiency, %d worker(s), L %d ms, run %d: %.3f (%d reviews in %.2f s at the provider, ideal %.2f s);"
                + " calls %d, 429s %d, max in flight %d/%d, completion %.2f s, failed %d", workers, latency.toMillis(),
                run, efficiency,
                backlog, spanSeconds, backlog / ideal, arrivals.size(), stats.concurrencyRejections(),
                stats.maxInFlight(), CAP, result.completionSeconds(), failed);
        bench.log("    permit hand-off gap (a call ends -> the call waiting for its permit starts): p50 %.1f ms,"
                + " p90 %.1f ms, p99 %.1f ms; CPU: %s", gaps.percentile(50), gaps.percentile(90), gaps.percentile(99),
                cpu.describe());
        bench.report.note("permit efficiency, " + workers + " worker(s), L " + latency.toMillis() + " ms",
                String.format(Locale.ROOT, "run %d: %d reviews at the provider in %.2f s (ideal %.2f s), %d calls, %d"
                        + " rejected for concurrency, max in flight %d of cap %d; hand-off gap p50 %.1f / p99 %.1f ms;"
                        + " CPU: %s", run, backlog, spanSeconds, backlog / ideal, arrivals.size(),
                        stats.concurrencyRejections(), stats.maxInFlight(), CAP, gaps.percentile(50),
                        gaps.percentile(99), cpu.describe()));
        return result;
    }

    /**
     * Fairness between the partitions of one saturated org: for each partition (its reviews found as
     * the producer's partitioner finds them), the longest time between two consecutive call starts
     * of its reviews, while it still had reviews to serve; the longest of those. The call starts are
     * the outcomes' attempt times (the workers' clocks).
     */
    static double longestPartitionWait(LoadClient client, List<String> ids) {
        java.util.Map<Integer, List<Instant>> starts = new java.util.HashMap<>();
        for (String id : ids) {
            Instant started = client.received(id).outcome().attempts().getFirst().startedAt();
            starts.computeIfAbsent(ConfigPropagation.partitionFor(id, TENANT_PARTITIONS), p -> new ArrayList<>())
                    .add(started);
        }
        double longest = 0;
        for (List<Instant> partition : starts.values()) {
            List<Instant> sorted = partition.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                longest = Math.max(longest, Duration.between(sorted.get(i - 1), sorted.get(i)).toNanos() / 1e6);
            }
        }
        return longest;
    }

    /**
     * With a cap of C and a backlog, call C+j can only start once j calls have ended: its gap is the
     * j-th earliest end to the (C+j)-th earliest start. Zero would mean a freed permit is used at once.
     */
    static List<Double> handoffGaps(List<Instant> sortedStarts, Duration latency, int cap) {
        List<Instant> ends = sortedStarts.stream().map(t -> t.plus(latency)).sorted().toList();
        List<Double> gaps = new ArrayList<>();
        for (int j = 0; j + cap < sortedStarts.size(); j++) {
            gaps.add(Duration.between(ends.get(j), sortedStarts.get(j + cap)).toNanos() / 1e6);
        }
        return gaps;
    }
}
