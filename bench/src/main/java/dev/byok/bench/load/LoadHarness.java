package dev.byok.bench.load;

import dev.byok.localstack.EmbeddedRedis;
import dev.byok.localstack.RepoLayout;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end load harness: starts (or targets, via KAFKA_BOOTSTRAP_SERVERS and REDIS_URL) the
 * infrastructure, runs the services as their own JVMs with the provider simulator, drives each
 * scenario several times and prints the table of docs/BENCHMARKS.md.
 *
 * <pre>
 * load [efficiency] [naive] [overhead] [fallback] [propagation] [isolation] [dispatcher] [failover] [scale]
 *      [--runs=3] [--dispatcher-backlog=100000] [--quiet-wait=600] [--scale-orgs=100,1000,5000,10000]
 *      [--scale-idle-retention=SECONDS]
 * </pre>
 */
public final class LoadHarness {

    static final List<String> SCENARIOS = List.of("efficiency", "naive", "overhead", "fallback", "propagation",
            "isolation", "dispatcher", "failover");
    /** Scenarios that run only when named: {@code scale} takes an hour or more. */
    static final List<String> ON_REQUEST = List.of("scale");

    // Metric names, in the order of the table.
    static final String EFF_1 = "permit efficiency, 1 worker, L 200 ms";
    static final String EFF_3 = "permit efficiency, 3 workers, L 200 ms";
    static final String EFF_1_LONG = "permit efficiency, 1 worker, L 1 s";
    static final String EFF_3_LONG = "permit efficiency, 3 workers, L 1 s";
    static final String OVH_50 = "pipeline overhead p50 (500/s)";
    static final String OVH_99 = "pipeline overhead p99 (500/s)";
    static final String OVH_LOW_50 = "pipeline overhead p50 (100/s)";
    static final String OVH_LOW_99 = "pipeline overhead p99 (100/s)";
    static final String DISPATCH = "dispatcher throughput (4 KiB)";
    static final String FB_50 = "time to fallback p50";
    static final String FB_99 = "time to fallback p99";
    static final String PROP_99 = "config propagation p99";
    static final String ISO = "isolation: quiet org p99 beside/alone";
    static final String FAILOVER = "killed worker: its cap-1 org's next call after";

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> scenarios = new LinkedHashSet<>();
        int runs = 3;
        int dispatcherBacklog = 100_000;
        int quietWaitSeconds = 600;
        List<Integer> scaleLadder = Scale.DEFAULT_LADDER;
        java.util.Optional<Duration> idleRetention = java.util.Optional.empty();
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else if (arg.startsWith("--quiet-wait=")) {
                quietWaitSeconds = Integer.parseInt(arg.substring("--quiet-wait=".length()));
            } else if (arg.startsWith("--dispatcher-backlog=")) {
                dispatcherBacklog = Integer.parseInt(arg.substring("--dispatcher-backlog=".length()));
            } else if (arg.startsWith("--scale-orgs=")) {
                scaleLadder = java.util.Arrays.stream(arg.substring("--scale-orgs=".length()).split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
            } else if (arg.startsWith("--scale-idle-retention=")) {
                idleRetention = java.util.Optional.of(Duration.ofSeconds(
                        Long.parseLong(arg.substring("--scale-idle-retention=".length()))));
            } else if (SCENARIOS.contains(arg) || ON_REQUEST.contains(arg)) {
                scenarios.add(arg);
            } else {
                System.err.println("unknown argument " + arg + "; scenarios: " + SCENARIOS + " and, only when named, "
                        + ON_REQUEST + "; options: --runs=N --dispatcher-backlog=N --quiet-wait=SECONDS"
                        + " --scale-orgs=100,1000,5000,10000 --scale-idle-retention=SECONDS");
                System.exit(2);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(SCENARIOS);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = RepoLayout.root().resolve("bench").resolve("target").resolve("load-runs").resolve(stamp);
        Files.createDirectories(runDir);
        for (String module : List.of("config-service", "review-dispatcher", "llm-worker")) {
            RepoLayout.serviceJar(module); // fails early with "build it first" when missing
        }
        PrintStream out = System.out;
        out.println("byok-review load harness: " + String.join(", ", scenarios) + "; " + runs + " runs each"
                + (scenarios.contains("scale") ? " (scale: once)" : ""));
        out.println("  machine   " + Machine.describe());
        String jvmFlags = System.getenv("BYOK_SERVICE_JVM_FLAGS");
        out.println("  services  " + (jvmFlags == null || jvmFlags.isBlank()
                ? "quick-start JVM flags (set BYOK_SERVICE_JVM_FLAGS for full-JIT numbers)" : "JVM flags " + jvmFlags));
        out.println("  logs      " + runDir);
        double background = Machine.busyPercent(3_000);
        out.println(fmt("  before    load average %s; %.0f%% of the CPU busy over 3 s before starting%s",
                Machine.loadAverage(), background, background > 10
                        ? " (other work on this machine: expect noisier numbers)" : ""));

        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String externalRedis = System.getenv("REDIS_URL");
        BrokerProcess broker = blank(externalKafka) ? BrokerProcess.start(runDir) : null;
        EmbeddedRedis redisServer = blank(externalRedis) ? EmbeddedRedis.start(0) : null;
        String kafka = broker != null ? broker.bootstrapServers() : externalKafka;
        String redis = redisServer != null ? redisServer.url() : externalRedis;
        out.println("  Kafka     " + kafka + (broker != null ? " (KRaft broker in its own JVM: "
                + String.join(" ", BrokerProcess.KAFKA_JVM_FLAGS) + ")" : ""));
        out.println("  Redis     " + redis + (redisServer != null ? " (redis-server from Maven Central)" : ""));
        out.println();

        Map<String, String> env = new LinkedHashMap<>();
        env.put("BYOK_REDIS_KEY_PREFIX", "bench-" + stamp + ":");
        env.put("BYOK_DEDUP_WINDOW", "1h");
        try (ProviderSimulator simulator = ProviderSimulator.start()) {
            Bench bench = new Bench(kafka, redis, simulator, runDir, env, runs, out, broker == null ? -1 : broker.pid());
            bench.quietWait = Duration.ofSeconds(quietWaitSeconds);
            declareMetrics(bench.report);
            try {
                runAll(bench, scenarios, dispatcherBacklog);
                if (scenarios.contains("scale")) {
                    Scale.run(bench, scaleLadder, idleRetention);
                }
            } catch (RuntimeException e) {
                out.println();
                out.println("A scenario failed: " + e);
                e.printStackTrace(out);
            }
            if (scenarios.stream().anyMatch(SCENARIOS::contains)) {
                String table = ResultPrinter.render(bench.report, runs, Machine.describe());
                out.println();
                out.print(table);
                Files.writeString(runDir.resolve("results.txt"), table, StandardCharsets.UTF_8);
                out.println("(also in " + runDir.resolve("results.txt") + ")");
            }
        } finally {
            forgetBenchKeys(redis, env.get("BYOK_REDIS_KEY_PREFIX"));
            if (redisServer != null) {
                redisServer.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    static void declareMetrics(Report report) {
        report.metric(EFF_1, Metric.Unit.RATIO, Metric.Target.atLeast(0.97, ">= 0.97, 0 cap violations"));
        report.metric(EFF_3, Metric.Unit.RATIO, Metric.Target.atLeast(0.97, ">= 0.97, 0 cap violations"));
        report.metric(EFF_1_LONG, Metric.Unit.RATIO, Metric.Target.atLeast(0.99, ">= 0.99, 0 cap violations"));
        report.metric(EFF_3_LONG, Metric.Unit.RATIO, Metric.Target.atLeast(0.99, ">= 0.99, 0 cap violations"));
        report.metric(OVH_50, Metric.Unit.MS, Metric.Target.atMost(10, "<= 10 ms"));
        report.metric(OVH_99, Metric.Unit.MS, Metric.Target.atMost(50, "<= 50 ms"));
        report.metric(OVH_LOW_50, Metric.Unit.MS, Metric.Target.NONE);
        report.metric(OVH_LOW_99, Metric.Unit.MS, Metric.Target.NONE);
        report.metric(DISPATCH, Metric.Unit.PER_SECOND, Metric.Target.atLeast(20_000, ">= 20,000/s"));
        report.metric(FB_50, Metric.Unit.MS, Metric.Target.NONE);
        report.metric(FB_99, Metric.Unit.MS, Metric.Target.atMost(100, "<= 100 ms"));
        report.metric(PROP_99, Metric.Unit.MS, Metric.Target.atMost(300, "<= 300 ms"));
        report.metric(ISO, Metric.Unit.RATIO, Metric.Target.atMost(1.10, "<= 1.10"));
        report.metric(FAILOVER, Metric.Unit.SECONDS, Metric.Target.atMost(30, "<= 30 s, 0 cap violations"));
    }

    private static void runAll(Bench bench, Set<String> scenarios, int dispatcherBacklog) throws IOException {
        boolean groupOne = scenarios.contains("efficiency") || scenarios.contains("naive")
                || scenarios.contains("overhead") || scenarios.contains("fallback");
        boolean groupThree = scenarios.contains("efficiency") || scenarios.contains("propagation")
                || scenarios.contains("isolation");
        if (groupOne || groupThree) {
            try (Stack stack = bench.startStack("stack", groupOne ? 1 : 3);
                    LoadClient client = new LoadClient(bench.kafka)) {
                warmUp(bench, stack, client);
                TransactionProbe.Latencies txn = TransactionProbe.measure(bench.kafka, 200);
                String line = fmt("a worker-shaped Kafka transaction (1 record + offsets) commits in p50 %.1f ms, p99"
                        + " %.1f ms; a read_committed consumer has the record p50 %.1f ms, p99 %.1f ms after the commit"
                        + " returned (idle system)", txn.commit().percentile(50), txn.commit().percentile(99),
                        txn.visible().percentile(50), txn.visible().percentile(99));
                bench.log("diagnostic: %s", line);
                bench.report.note("diagnostics", line);
                if (groupOne) {
                    runOneWorker(bench, stack, client, scenarios);
                }
                if (groupThree) {
                    while (stack.workers().size() < 3) {
                        bench.log("adding a worker ...");
                        stack.addWorker();
                    }
                    warmUp(bench, stack, client);
                    runThreeWorkers(bench, stack, client, scenarios);
                }
                noteDuplicates(bench, client);
            }
        }
        if (scenarios.contains("failover")) {
            try (Stack stack = bench.startStack("failover-stack", 2); LoadClient client = new LoadClient(bench.kafka)) {
                Metric metric = bench.report.existing(FAILOVER);
                bench.log("worker failover: kill the worker holding the only permit of a cap-1 org mid-call (%d s)",
                        WorkerFailover.CALL.toSeconds());
                for (int run = 1; run <= bench.runs; run++) {
                    bench.beforeRun(bench.cpu(stack), "worker failover run " + run);
                    WorkerFailover.Result r = WorkerFailover.run(bench, stack, client, run);
                    metric.add(r.seconds());
                    if (r.rejections() > 0 || r.maxInFlight() > 1) {
                        metric.problem(r.rejections() + " cap violations seen by the simulator");
                    }
                }
            }
        }
        if (scenarios.contains("dispatcher")) {
            try (Stack stack = bench.startStack("dispatcher-stack", 0); LoadClient client = new LoadClient(bench.kafka)) {
                ServiceProcess[] dispatcher = {stack.dispatcher()};
                try {
                    Metric metric = bench.report.existing(DISPATCH);
                    bench.log("dispatcher throughput: %,d requests per run", dispatcherBacklog);
                    for (int run = 1; run <= bench.runs; run++) {
                        bench.beforeRun(bench.cpu(stack).watch("dispatcher", dispatcher[0].pid()),
                                "dispatcher throughput run " + run);
                        metric.add(DispatcherThroughput.run(bench, stack, client, dispatcher, dispatcherBacklog, run)
                                .perSecond());
                    }
                } finally {
                    if (dispatcher[0] != stack.dispatcher()) {
                        dispatcher[0].close();
                    }
                }
            }
        }
    }

    private static void runOneWorker(Bench bench, Stack stack, LoadClient client, Set<String> scenarios) {
        if (scenarios.contains("efficiency") || scenarios.contains("naive")) {
            bench.log("permit efficiency with 1 worker: backlog %d, cap %d, provider latency %d ms",
                    PermitEfficiency.BACKLOG, PermitEfficiency.CAP, PermitEfficiency.LATENCY.toMillis());
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "permit efficiency run " + run);
                PermitEfficiency.Result r = PermitEfficiency.run(bench, stack, client, 1, run);
                recordEfficiency(bench.report.existing(EFF_1), r);
                side(bench.report, "ours", r.calls(), r.rejections(), r.maxInFlight(), r.completionSeconds());
            }
            if (scenarios.contains("efficiency")) {
                efficiencyAtOneSecond(bench, stack, client, 1, EFF_1_LONG);
            }
        }
        if (scenarios.contains("naive")) {
            bench.log("naive consumer: the same workload, %d threads, no permits", NaiveComparison.THREADS);
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "naive consumer run " + run);
                NaiveComparison.Result r = NaiveComparison.run(bench, stack, client, run);
                side(bench.report, "naive", r.calls(), r.rejections(), r.maxInFlight(), r.completionSeconds());
            }
        }
        if (scenarios.contains("overhead")) {
            bench.log("pipeline overhead: %d reviews/s over %d orgs, provider latency %d ms, %d s (+%d s warm-up) per run",
                    PipelineOverhead.RATE, PipelineOverhead.ORGS, PipelineOverhead.LATENCY.toMillis(),
                    PipelineOverhead.MEASURE.toSeconds(), PipelineOverhead.WARM_UP.toSeconds());
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "pipeline overhead run " + run);
                PipelineOverhead.Result r = PipelineOverhead.run(bench, stack, client, run);
                bench.report.existing(OVH_50).add(r.p50());
                bench.report.existing(OVH_99).add(r.p99());
            }
            bench.log("pipeline overhead at %d/s, for comparison", PipelineOverhead.LOW_RATE);
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "pipeline overhead (" + PipelineOverhead.LOW_RATE + "/s) run " + run);
                PipelineOverhead.Result r = PipelineOverhead.run(bench, stack, client, run, PipelineOverhead.LOW_RATE);
                bench.report.existing(OVH_LOW_50).add(r.p50());
                bench.report.existing(OVH_LOW_99).add(r.p99());
            }
        }
        if (scenarios.contains("fallback")) {
            bench.log("time to fallback: %d reviews/s, every %dth main call answered 429", TimeToFallback.RATE,
                    TimeToFallback.EVERY);
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "time to fallback run " + run);
                TimeToFallback.Result r = TimeToFallback.run(bench, stack, client, run);
                bench.report.existing(FB_50).add(r.p50());
                bench.report.existing(FB_99).add(r.p99());
            }
        }
    }

    private static void runThreeWorkers(Bench bench, Stack stack, LoadClient client, Set<String> scenarios) {
        if (scenarios.contains("efficiency")) {
            bench.log("permit efficiency with 3 workers: backlog %d, cap %d, provider latency %d ms",
                    PermitEfficiency.BACKLOG, PermitEfficiency.CAP, PermitEfficiency.LATENCY.toMillis());
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "permit efficiency run " + run);
                recordEfficiency(bench.report.existing(EFF_3), PermitEfficiency.run(bench, stack, client, 3, run));
            }
            efficiencyAtOneSecond(bench, stack, client, 3, EFF_3_LONG);
        }
        if (scenarios.contains("propagation")) {
            bench.log("config propagation: %d model changes per run, %d probes/s", ConfigPropagation.CHANGES,
                    ConfigPropagation.PROBES_PER_SECOND);
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "config propagation run " + run);
                ConfigPropagation.Result r = ConfigPropagation.run(bench, stack, client, run);
                bench.report.existing(PROP_99).add(Samples.of(r.propagationMs()).percentile(99));
                if (r.workersCovered() < stack.workers().size()) {
                    bench.report.note("config propagation", "run " + run + ": only " + r.workersCovered()
                            + " workers owned a partition of the probed topic");
                }
            }
        }
        if (scenarios.contains("isolation")) {
            bench.log("isolation: quiet org at %d/s alone, then beside a backlog of %d at cap 1", Isolation.QUIET_RATE,
                    Isolation.FLOOD);
            for (int run = 1; run <= bench.runs; run++) {
                bench.beforeRun(bench.cpu(stack), "isolation run " + run);
                Isolation.Result r = Isolation.run(bench, stack, client, run);
                bench.report.existing(ISO).add(r.ratio());
                if (r.floodLeft() == 0) {
                    bench.report.existing(ISO).problem("run " + run + ": the backlog was gone before the end");
                }
            }
        }
    }

    /** The same at a provider latency closer to real reviews' (which take seconds to minutes). */
    private static void efficiencyAtOneSecond(Bench bench, Stack stack, LoadClient client, int workers, String name) {
        bench.log("permit efficiency with %d worker(s) at L 1 s: backlog %d, cap %d", workers,
                PermitEfficiency.BACKLOG_AT_ONE_SECOND, PermitEfficiency.CAP);
        for (int run = 1; run <= bench.runs; run++) {
            bench.beforeRun(bench.cpu(stack), "permit efficiency (L 1 s) run " + run);
            recordEfficiency(bench.report.existing(name), PermitEfficiency.run(bench, stack, client, workers, run,
                    Duration.ofSeconds(1), PermitEfficiency.BACKLOG_AT_ONE_SECOND));
        }
    }

    private static void recordEfficiency(Metric metric, PermitEfficiency.Result r) {
        metric.add(r.efficiency());
        if (r.rejections() > 0 || r.maxInFlight() > PermitEfficiency.CAP) {
            metric.problem(r.rejections() + " cap violations seen by the simulator");
        }
        if (r.failed() > 0) {
            metric.problem(r.failed() + " reviews failed");
        }
    }

    private static void side(Report report, String who, long calls, long rejections, int maxInFlight, double seconds) {
        report.metric("side." + who + ".calls", Metric.Unit.COUNT, Metric.Target.NONE).add(calls);
        report.metric("side." + who + ".429", Metric.Unit.COUNT, Metric.Target.NONE).add(rejections);
        report.metric("side." + who + ".wasted", Metric.Unit.COUNT, Metric.Target.NONE)
                .add(calls - PermitEfficiency.BACKLOG);
        report.metric("side." + who + ".inflight", Metric.Unit.COUNT, Metric.Target.NONE).add(maxInFlight);
        report.metric("side." + who + ".seconds", Metric.Unit.SECONDS, Metric.Target.NONE).add(seconds);
    }

    /**
     * JIT and connections: 20 s of mixed traffic (main, 429s, fallback) before anything is measured,
     * so the services' and the broker's hot paths run compiled (fresh JVMs are several times slower).
     */
    static void warmUp(Bench bench, Stack stack, LoadClient client) {
        bench.log("warming up (20 s of mixed traffic at 300/s) ...");
        Orgs orgs = new Orgs(stack);
        String org = Orgs.newOrgId("warm");
        Fault[] faults = new Fault[7_000];
        for (int i = 0; i < faults.length; i++) {
            faults[i] = i % 5 == 4 ? Fault.rateLimited() : Fault.slowFirstByte(Duration.ZERO);
        }
        orgs.save(org, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(10))
                .withFaultSequence(faults)), 32);
        orgs.save(org, "fallback", "sim-small", orgs.key(KeyBehaviour.ok().withLatency(Duration.ofMillis(10))), 32);
        orgs.prime(client, bench.reviews, List.of(org));
        List<String> ids = new ArrayList<>();
        Pacer.run(300, Duration.ofSeconds(20), i -> {
            String id = org + "-" + i;
            ids.add(id);
            client.send(org, id, bench.reviews.json(id, org, i));
        });
        client.flush();
        if (!client.awaitAll(ids, Duration.ofSeconds(90))) {
            bench.log("  warning: %d warm-up reviews still open", ids.size() - client.count(ids));
        }
    }

    /** CONTRACTS §3.2: a read_committed reader sees exactly one outcome per review; count any second one. */
    private static void noteDuplicates(Bench bench, LoadClient client) {
        bench.report.note("exactly one outcome", fmt("%d reviews had a second outcome on %s (all scenarios but the"
                + " dispatcher's)", client.duplicates(), dev.byok.model.Topics.REVIEWS_RESULTS));
    }

    /** The services' Redis keys of this run (permits, dedup claims) are of no use afterwards: drop them. */
    private static void forgetBenchKeys(String redisUrl, String prefix) {
        org.redisson.config.Config config = new org.redisson.config.Config();
        config.useSingleServer().setAddress(redisUrl);
        org.redisson.api.RedissonClient redisson = org.redisson.Redisson.create(config);
        try {
            redisson.getKeys().deleteByPattern(prefix + "*");
        } catch (RuntimeException e) {
            System.err.println("could not remove the benchmark's Redis keys (" + prefix + "*): " + e);
        } finally {
            redisson.shutdown();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
