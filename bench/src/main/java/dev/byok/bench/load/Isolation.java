package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Isolation: a quiet org's review latency (request to outcome) at a steady rate, first alone, then
 * beside an org with a backlog of 5,000 reviews at cap 1. The backlog is on its tenant topic before
 * the second measurement starts and still there when it ends.
 */
final class Isolation {

    static final int FLOOD = 5_000;
    static final int QUIET_RATE = 20;
    static final int QUIET_CAP = 4;
    static final Duration LATENCY = Duration.ofMillis(100);
    static final Duration MEASURE = Duration.ofSeconds(20);

    record Result(double aloneP50, double aloneP99, double besideP50, double besideP99, long floodLeft) {

        double ratio() {
            return besideP99 / aloneP99;
        }
    }

    private Isolation() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        Orgs orgs = new Orgs(stack);
        String quiet = Orgs.newOrgId("quiet");
        String flood = Orgs.newOrgId("flood");
        orgs.save(quiet, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(LATENCY)
                .withConcurrencyCap(QUIET_CAP)), QUIET_CAP);
        orgs.save(flood, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(LATENCY).withConcurrencyCap(1)), 1);
        orgs.prime(client, bench.reviews, List.of(quiet, flood));

        Samples alone = quietLatencies(bench, client, quiet, "alone");

        List<String> floodIds = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            String id = flood + "-" + i;
            floodIds.add(id);
            client.send(flood, id, bench.reviews.json(id, flood, i));
        }
        client.flush();
        try (Offsets offsets = new Offsets(bench.kafka)) {
            String topic = Topics.tenantTopic(flood, Slot.MAIN);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (offsets.endSum(topic) < FLOOD + 1 && System.nanoTime() < deadline) {
                LoadClient.sleep(100);
            }
        }
        Samples beside = quietLatencies(bench, client, quiet, "beside");
        long floodLeft = FLOOD - client.count(floodIds);

        // Clean up for the next run: without its config the backlog fails fast (BYOK_NOT_CONFIGURED).
        orgs.delete(flood, "main");
        if (!client.awaitAll(floodIds, Duration.ofSeconds(180))) {
            bench.log("    warning: %d flood reviews still open after removing the org's config",
                    FLOOD - client.count(floodIds));
        }
        Result result = new Result(alone.percentile(50), alone.percentile(99), beside.percentile(50),
                beside.percentile(99), floodLeft);
        bench.log("  isolation, run %d: quiet org alone p50 %.1f / p99 %.1f ms; beside a backlog of %d at cap 1"
                + " p50 %.1f / p99 %.1f ms (p99 ratio %.3f); %d of the backlog still open at the end", run,
                alone.percentile(50), alone.percentile(99), FLOOD, beside.percentile(50), beside.percentile(99),
                result.ratio(), floodLeft);
        bench.report.note("isolation", String.format(Locale.ROOT,
                "run %d: quiet org (%d/s, cap %d, L %d ms) alone p50 %.1f / p99 %.1f ms, beside the backlog p50 %.1f /"
                        + " p99 %.1f ms, ratio %.3f; backlog left at the end: %d", run, QUIET_RATE, QUIET_CAP,
                LATENCY.toMillis(), alone.percentile(50), alone.percentile(99), beside.percentile(50),
                beside.percentile(99), result.ratio(), floodLeft));
        return result;
    }

    private static Samples quietLatencies(Bench bench, LoadClient client, String quiet, String label) {
        List<String> ids = new ArrayList<>();
        Pacer.run(QUIET_RATE, MEASURE, i -> {
            String id = quiet + "-" + label + "-" + i;
            ids.add(id);
            client.send(quiet, id, bench.reviews.json(id, quiet, i));
        });
        client.flush();
        client.awaitAll(ids, Duration.ofSeconds(60));
        List<Double> latencies = new ArrayList<>();
        for (String id : ids) {
            LoadClient.Received received = client.received(id);
            if (received != null) {
                latencies.add((received.nanos() - client.sent(id).nanos()) / 1e6);
            }
        }
        return Samples.of(latencies);
    }
}
