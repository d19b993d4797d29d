package dev.byok.bench.load;

import dev.byok.localstack.Stack;
import dev.byok.model.Slot;
import dev.byok.model.Topics;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.utils.Utils;

/**
 * Config propagation: while probe reviews flow through every partition of an org's main topic, the
 * org's model is changed by PUT again and again (a new model name each time). The org is chosen
 * among a few so that its partitions are spread over all workers. For each PUT: from its return
 * until the first provider call with the new model on every partition, i.e. until every worker
 * uses the new config. The probes' spacing (one per partition every 20 ms) bounds the resolution;
 * calls made with an older model after the PUT returned are counted as stale.
 */
final class ConfigPropagation {

    static final int PROBES_PER_SECOND = 200;
    static final int CHANGES = 20;
    static final Duration BETWEEN_CHANGES = Duration.ofMillis(1000);
    /** The model the org starts with; change c sets {@code bench-model-c}, so every call names the config it used. */
    static final String FIRST_MODEL = "bench-model-0";
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"");

    record Result(List<Double> propagationMs, int unresolved, int stale, double worstStaleMs, int workersCovered,
            int partitions) {
    }

    private ConfigPropagation() {
    }

    static Result run(Bench bench, Stack stack, LoadClient client, int run) {
        Orgs orgs = new Orgs(stack);
        String key = orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(5)));
        Chosen chosen = chooseOrg(bench, stack, client, orgs, key);
        String org = chosen.org();
        int partitions = chosen.partitions();
        int workersCovered = chosen.workersCovered();
        List<List<String>> idsByPartition = probeIds(org, partitions, 10_000);

        List<String> probes = new ArrayList<>();
        int[] next = new int[partitions];
        List<Instant> putReturned = new CopyOnWriteArrayList<>();
        List<String> putModel = new CopyOnWriteArrayList<>();
        Thread changer = Thread.ofPlatform().name("config-changer").start(() -> {
            LoadClient.sleep(2_000);
            for (int c = 1; c <= CHANGES; c++) {
                String model = "bench-model-" + c;
                orgs.save(org, "main", model, null, 16);
                Instant returned = Instant.now();
                putModel.add(model);
                putReturned.add(returned);
                LoadClient.sleep(BETWEEN_CHANGES.toMillis());
            }
        });
        // Probes go on until the changer is done, one interval after the last PUT returned. The duration
        // is only a bound: sized to the intervals alone, it stopped the probes before the last PUT had
        // returned whenever PUTs took over 25 ms, and that change counted as the whole interval (1 s).
        Duration total = Duration.ofMillis(2_000 + CHANGES * (BETWEEN_CHANGES.toMillis() + 5_000));
        Pacer.run(PROBES_PER_SECOND, total, () -> !changer.isAlive() && putReturned.size() == CHANGES, i -> {
            int p = i % partitions;
            String id = idsByPartition.get(p).get(next[p]++);
            probes.add(id);
            client.send(org, id, probeJson(id, org));
        });
        joinQuietly(changer);
        client.flush();
        client.awaitAll(probes, Duration.ofSeconds(60));

        Map<String, Integer> partitionOf = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            for (String id : idsByPartition.get(p)) {
                partitionOf.put(id, p);
            }
        }
        List<Call> calls = new ArrayList<>();
        for (CapturedRequest captured : stack.simulator().capturedRequests(key)) {
            String id = Reviews.reviewIdIn(captured.body());
            Matcher m = MODEL.matcher(captured.body());
            if (id != null && partitionOf.containsKey(id) && m.find()) {
                calls.add(new Call(captured.receivedAt(), m.group(1), partitionOf.get(id)));
            }
        }
        List<Double> propagation = new ArrayList<>();
        int stale = 0;
        int unresolved = 0;
        double worstStale = 0;
        Map<String, Integer> changeOf = new HashMap<>();
        changeOf.put(FIRST_MODEL, 0);
        for (int c = 0; c < putModel.size(); c++) {
            changeOf.put(putModel.get(c), c + 1);
        }
        for (int c = 0; c < putReturned.size(); c++) {
            Instant from = putReturned.get(c);
            Instant until = c + 1 < putReturned.size() ? putReturned.get(c + 1) : Instant.MAX;
            Instant[] firstNew = new Instant[partitions];
            for (Call call : calls) {
                if (call.at().isBefore(from) || !call.at().isBefore(until)) {
                    continue;
                }
                int changeOfCall = changeOf.getOrDefault(call.model(), -1);
                if (changeOfCall > c) {
                    // a newer config, seen by the worker before the next PUT returned: new enough
                    changeOfCall = c + 1;
                }
                if (changeOfCall == c + 1) {
                    if (firstNew[call.partition()] == null || call.at().isBefore(firstNew[call.partition()])) {
                        firstNew[call.partition()] = call.at();
                    }
                } else {
                    // a config older than the PUT that had returned: stale
                    stale++;
                    worstStale = Math.max(worstStale, PipelineOverhead.millisBetween(from, call.at()));
                }
            }
            double worst = 0;
            for (Instant t : firstNew) {
                worst = t == null ? Double.NaN : Math.max(worst, PipelineOverhead.millisBetween(from, t));
                if (Double.isNaN(worst)) {
                    break;
                }
            }
            if (Double.isNaN(worst)) {
                // some partition made no call with the new model before the next change: at least this long
                unresolved++;
                worst = PipelineOverhead.millisBetween(from, until.equals(Instant.MAX) ? from.plus(BETWEEN_CHANGES) : until);
            }
            propagation.add(worst);
        }
        Samples s = Samples.of(propagation);
        bench.log("    longest pauses between calls on one partition: %s", longestPauses(calls, putReturned, partitions));
        bench.log("  config propagation, run %d: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d changes; %d of %d"
                + " workers own a partition of the %d; %d calls used the old model after the PUT returned"
                + " (latest %.0f ms after)", run, s.percentile(50), s.percentile(99), s.max(), s.count(), workersCovered,
                stack.workers().size(), partitions, stale, worstStale);
        bench.report.note("config propagation", String.format(Locale.ROOT,
                "run %d: %d model changes with %d probes/s over %d partitions (%d of %d workers own one): p50 %.0f /"
                        + " p99 %.0f / max %.0f ms; %d stale calls after the PUT returned (latest %.0f ms after)",
                run, s.count(), PROBES_PER_SECOND, partitions, workersCovered, stack.workers().size(), s.percentile(50),
                s.percentile(99), s.max(), stale, worstStale));
        if (unresolved > 0) {
            bench.log("    %d changes reached some partition only after the next change (counted as the whole interval)",
                    unresolved);
        }
        return new Result(propagation, unresolved, stale, worstStale, workersCovered, partitions);
    }

    private record Chosen(String org, int partitions, int workersCovered) {
    }

    /**
     * The worker group balances all tenant partitions together, so one org's main topic is not
     * always spread over every worker. Tries a few new orgs and takes one whose partitions are
     * owned by as many workers as possible (all of them, as a rule).
     */
    private static Chosen chooseOrg(Bench bench, Stack stack, LoadClient client, Orgs orgs, String key) {
        int workers = stack.workers().size();
        Chosen best = null;
        for (int round = 0; round < 3 && (best == null || best.workersCovered() < workers); round++) {
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String org = Orgs.newOrgId("prop");
                orgs.save(org, "main", FIRST_MODEL, key, 16);
                candidates.add(org);
            }
            orgs.prime(client, bench.reviews, candidates);
            LoadClient.sleep(3_000); // let the group settle: new topics are assigned in up to two cooperative rounds
            for (String org : candidates) {
                Chosen c = describe(bench, org);
                if (best == null || c.workersCovered() > best.workersCovered()) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static Chosen describe(Bench bench, String org) {
        String topic = Topics.tenantTopic(org, Slot.MAIN);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("byok-llm-worker")).all()
                    .get(30, TimeUnit.SECONDS).get("byok-llm-worker");
            int covered = (int) group.members().stream().filter(m -> m.assignment().topicPartitions().stream()
                    .anyMatch(tp -> tp.topic().equals(topic))).count();
            return new Chosen(org, description.partitions().size(), covered);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    /** Probe reviews keep one small message, so a probe costs little besides its trip through the system. */
    private static byte[] probeJson(String id, String org) {
        String json = "{\"schemaVersion\":1,\"reviewId\":\"" + id + "\",\"orgId\":\"" + org + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"review " + id + "\\ndiff --git a/x b/x\\n+probe\"}],"
                + "\"metadata\":{},\"requestedAt\":\"" + Instant.now() + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Review ids that land on each partition of a tenant topic: the dispatcher keys forwards by
     * reviewId, and Kafka's default partitioner puts a keyed record on murmur2(key) mod partitions.
     */
    static List<List<String>> probeIds(String prefix, int partitions, int perPartition) {
        List<List<String>> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(new ArrayList<>());
        }
        for (int n = 0; ids.stream().anyMatch(l -> l.size() < perPartition); n++) {
            String id = prefix + "-probe-" + n;
            int p = partitionFor(id, partitions);
            if (ids.get(p).size() < perPartition) {
                ids.get(p).add(id);
            }
        }
        return ids;
    }

    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The three longest pauses between consecutive calls on one partition, each with where it began
     * relative to the PUT that returned last before it: a partition without calls for longer than
     * the changes' spacing cannot show any change, whatever the workers know.
     */
    private static String longestPauses(List<Call> calls, List<Instant> putReturned, int partitions) {
        record Pause(int partition, Instant from, double ms) {
        }
        List<Pause> pauses = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            List<Instant> times = calls.stream().filter(c -> c.partition() == partition).map(Call::at).sorted().toList();
            for (int i = 1; i < times.size(); i++) {
                pauses.add(new Pause(p, times.get(i - 1), PipelineOverhead.millisBetween(times.get(i - 1), times.get(i))));
            }
        }
        pauses.sort((a, b) -> Double.compare(b.ms(), a.ms()));
        List<String> described = new ArrayList<>();
        for (Pause pause : pauses.subList(0, Math.min(3, pauses.size()))) {
            Instant lastPut = null;
            for (Instant put : putReturned) {
                if (!put.isAfter(pause.from())) {
                    lastPut = put;
                }
            }
            described.add(String.format(Locale.ROOT, "%.0f ms on partition %d (%s)", pause.ms(), pause.partition(),
                    lastPut == null ? "before the first PUT"
                            : String.format(Locale.ROOT, "from %.0f ms after a PUT returned",
                                    PipelineOverhead.millisBetween(lastPut, pause.from()))));
        }
        return String.join(", ", described);
    }

    private record Call(Instant at, String model, int partition) {
    }
}
