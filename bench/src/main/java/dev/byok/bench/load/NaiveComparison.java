package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The same workload as the permit-efficiency run (a backlog of N reviews, cap C, latency L) through
 * {@link NaiveConsumer}: its own topic, its own key with the same concurrency cap at the simulator.
 */
final class NaiveComparison {

    static final int THREADS = 16;

    record Result(long calls, long rejections, int maxInFlight, double completionSeconds) {
    }

    private NaiveComparison() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        String label = Orgs.newOrgId("naive");
        String topic = "bench.naive." + label;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        Orgs orgs = new Orgs(stack);
        String key = orgs.key(KeyBehaviour.ok().withLatency(PermitEfficiency.LATENCY)
                .withConcurrencyCap(PermitEfficiency.CAP));
        int n = PermitEfficiency.BACKLOG;
        long start = System.nanoTime();
        try (NaiveConsumer naive = new NaiveConsumer(bench.kafka, topic, "bench-" + label, THREADS,
                stack.simulatorBaseUrl(), key, "sim-large")) {
            for (int i = 0; i < n; i++) {
                String id = label + "-" + i;
                client.send(topic, label, id, bench.reviews.json(id, label, i));
            }
            client.flush();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (naive.served() < n && System.nanoTime() < deadline) {
                LoadClient.sleep(20);
            }
            if (naive.served() < n) {
                throw new IllegalStateException("the naive consumer served only " + naive.served() + " of " + n);
            }
            KeyStats stats = stack.simulator().stats(key);
            Result result = new Result(stats.requests(), stats.concurrencyRejections(), stats.maxInFlight(),
                    (naive.lastServedNanos() - start) / 1e9);
            bench.log("  naive consumer (%d threads), run %d: %d reviews, %d calls, %d answered 429, max in flight %d"
                    + " (cap %d), completion %.2f s", THREADS, run, n, stats.requests(), stats.concurrencyRejections(),
                    stats.maxInFlight(), PermitEfficiency.CAP, result.completionSeconds());
            return result;
        }
    }
}
