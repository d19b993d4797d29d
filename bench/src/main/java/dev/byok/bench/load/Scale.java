package dev.byok.bench.load;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Topics;
import dev.byok.simulator.KeyBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The scale scenario ({@code bench/run-load scale}): the system with N configured orgs for each N of
 * a ladder (100, 1,000, 5,000, 10,000 by default, after a baseline of 10), most of them idle, a few
 * hundred sending a review now and then and a few busy ones ({@link ScaleMix}). Each org is
 * configured through the REST API and primed with one review, so its tenant topics exist as they
 * would on a platform that has served it once. At each N it measures what the issue asks and prints
 * one table: a column per N, "-" where the run could not measure (it says why).
 */
final class Scale {

    static final List<Integer> DEFAULT_LADDER = List.of(100, 1_000, 5_000, 10_000);
    static final int BASELINE = 10;
    static final int NEW_ORGS = 20;
    static final int QUIET_RATE = 5;
    static final Duration QUIET_MEASURE = Duration.ofSeconds(30);
    static final int SPREAD = 10_000;
    static final int PRIME_BATCH = 500;
    static final int CAP = 2;
    static final Duration LATENCY = Duration.ofMillis(200);
    static final Duration QUIET_LATENCY = Duration.ofMillis(100);
    static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);

    /** With removal of idle topics: the most tenant partitions let live while priming (the broker's open files). */
    static final int PARTITION_BUDGET = 10_000; // the broker's open files, and the worker's 512 MiB heap (SCALE.md)
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    static final String GROW = "configure and prime the step's new orgs (s)";
    static final String REMOVED = "idle orgs' topics all removed, after the last priming (s)";
    static final String IDLE_P50 = "idle org's first review after its topics were removed p50 (ms)";
    static final String IDLE_P99 = "idle org's first review after its topics were removed p99 (ms)";
    static final String DISPATCH_ACTIVE = "dispatcher throughput, requests spread over the active orgs (/s)";
    static final String PARTITIONS = "tenant partitions on the broker";
    static final String FIRST_P50 = "new org's first review p50 (ms)";
    static final String FIRST_P99 = "new org's first review p99 (ms)";
    static final String FIRST_MAX = "new org's first review max (ms)";
    static final String QUIET_P99 = "quiet org p99, request to outcome (ms)";
    static final String QUIET_RATIO = "quiet org p99 / its p99 at 10 orgs";
    static final String JOIN_12 = "group settled after a worker joins, 1 -> 2 (s)";
    static final String JOIN_23 = "group settled after a worker joins, 2 -> 3 (s)";
    static final String KILL_32 = "group settled after a worker is killed, 3 -> 2 (s)";
    static final String KILL_21 = "group settled after a worker is killed, 2 -> 1 (s)";
    static final String WORKER_HEAP = "worker heap after full GC, owning every partition (MiB)";
    static final String BROKER_HEAP = "broker heap after full GC (MiB)";
    static final String BROKER_FILES = "broker open files";
    static final String WORKER_FILES = "worker open files";
    static final String REDIS = "Redis used memory (MiB)";
    static final String DISPATCH = "dispatcher throughput, requests spread over every org (/s)";
    static final String SERIES_CONFIG = "metric series: config-service";
    static final String SERIES_DISPATCHER = "metric series: review-dispatcher";
    static final String SERIES_WORKER = "metric series: llm-worker";

    private Scale() {
    }

    static ScaleTable table() {
        return new ScaleTable().measure(GROW, "").measure(REMOVED, "").measure(PARTITIONS, "")
                .measure(FIRST_P50, "").measure(FIRST_P99, "<= 5,000 at 10,000 orgs").measure(FIRST_MAX, "")
                .measure(IDLE_P50, "").measure(IDLE_P99, "")
                .measure(QUIET_P99, "").measure(QUIET_RATIO, "<= 1.2")
                .measure(JOIN_12, "").measure(JOIN_23, "").measure(KILL_32, "<= 30").measure(KILL_21, "<= 30")
                .measure(WORKER_HEAP, "less than linear in partitions").measure(BROKER_HEAP, "")
                .measure(BROKER_FILES, "").measure(WORKER_FILES, "").measure(REDIS, "")
                .measure(DISPATCH, "").measure(DISPATCH_ACTIVE, "").measure(SERIES_CONFIG, "").measure(SERIES_DISPATCHER, "")
                .measure(SERIES_WORKER, "");
    }

    /**
     * @param idleRetention when present, the dispatcher removes idle orgs' topics after it
     *     ({@code byok.idle-topic-retention}): priming keeps under {@link #PARTITION_BUDGET} live
     *     partitions, each step waits until the idle orgs' topics are gone, and the spread goes over
     *     the active orgs (spreading over every org would make every org's topics again)
     */
    static void run(Bench bench, List<Integer> ladder, java.util.Optional<Duration> idleRetention) {
        ScaleTable table = table();
        List<String> notes = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        steps.add(BASELINE);
        ladder.stream().filter(n -> n > BASELINE).sorted().forEach(steps::add);
        java.util.Map<String, String> settings = idleRetention.map(retention -> java.util.Map.of(
                "BYOK_IDLE_TOPIC_RETENTION", retention.toSeconds() + "s",
                "BYOK_TOPIC_SWEEP_INTERVAL", SWEEP_INTERVAL.toSeconds() + "s")).orElse(java.util.Map.of());
        try (Stack stack = bench.startStack("scale-stack", 1, settings); LoadClient client = new LoadClient(bench.kafka);
                GroupSettle group = new GroupSettle(bench.kafka); Offsets offsets = new Offsets(bench.kafka)) {
            State state = new State(bench, stack, client, idleRetention.isPresent() ? group : null);
            try (Background background = new Background(bench, client, state.mixOrgs)) {
                double quietAtBaseline = Double.NaN;
                for (int n : steps) {
                    try {
                        quietAtBaseline = step(bench, state, group, offsets, background, table, n, quietAtBaseline);
                    } catch (RuntimeException e) {
                        String why = "stopped at " + n + " orgs: " + e + brokerTrouble(bench);
                        bench.log("  %s", why);
                        notes.add(why);
                        break;
                    }
                }
                background.stop();
                List<String> sent = background.sent();
                client.awaitAll(sent, Duration.ofMinutes(3));
                notes.add(fmt("background mix: %,d reviews sent, %,d without an outcome 3 minutes after the last step",
                        sent.size(), sent.size() - client.count(sent)));
            }
        } catch (RuntimeException e) {
            // Closing the stack or the client after a broker that ran out of files must not lose the table.
            notes.add("ending the run: " + e);
        }
        String rendered = table.render("  ");
        bench.out.println();
        bench.out.println("Scale: N configured orgs (busy, occasional, idle as in ScaleMix), 1 worker unless the row says"
                + idleRetention.map(r -> "; idle orgs' topics removed after " + r.toSeconds() + " s").orElse(""));
        bench.out.print(rendered);
        notes.forEach(note -> bench.out.println("  note: " + note));
        try {
            Files.writeString(bench.runDir.resolve("scale.txt"), rendered + String.join("\n", notes) + "\n");
        } catch (java.io.IOException e) {
            bench.log("could not write scale.txt: %s", e);
        }
    }

    private static double step(Bench bench, State state, GroupSettle group, Offsets offsets, Background background,
            ScaleTable table, int n, double quietAtBaseline) {
        bench.log("scale: growing to %,d configured orgs ...", n);
        long growStart = System.nanoTime();
        state.growTo(n);
        table.put(n, GROW, fmt("%.1f", (System.nanoTime() - growStart) / 1e9));
        ScaleMix mix = ScaleMix.of(state.mixOrgs.size());
        background.use(mix);
        if (state.removing()) {
            long waitStart = System.nanoTime();
            // The active orgs (busy, occasional, quiet) keep theirs; the rest go after the retention.
            state.awaitTenantPartitionsAtMost(8 * (mix.busy() + mix.occasional() + 1) + 8 * 20, Duration.ofMinutes(15));
            table.put(n, REMOVED, fmt("%.1f", (System.nanoTime() - waitStart) / 1e9));
        }
        int partitions = group.tenantPartitions();
        table.put(n, PARTITIONS, fmt("%,d", partitions));
        bench.log("  %,d orgs (%d busy, %d occasional, %,d idle, 1 quiet), %,d tenant partitions; settling ...", n,
                mix.busy(), mix.occasional(), mix.idle(), partitions);
        group.secondsUntilSettled(System.nanoTime(), 1, state.partitions(partitions), SETTLE_WITHIN);

        if (n == BASELINE) {
            state.quietLatencies(0); // the services' JIT warms up on it; not measured
        } else if (state.removing()) {
            state.wakeQuietOrg(n); // idle since the last step, so its topics may be gone: not what is measured
        }
        Samples quiet = state.quietLatencies(n);
        double quietP99 = quiet.percentile(99);
        double baseline = n == BASELINE ? quietP99 : quietAtBaseline;
        table.put(n, QUIET_P99, fmt("%.0f", quietP99));
        table.put(n, QUIET_RATIO, fmt("%.2f", quietP99 / baseline));

        partitions = group.tenantPartitions();
        state.settleTimes(group, table, n, partitions);

        ServiceProcess worker = state.stack.workers().getFirst();
        table.put(n, WORKER_HEAP, mib(ProcessProbe.heapAfterFullGc(worker.pid())));
        table.put(n, WORKER_FILES, count(ProcessProbe.openFiles(worker.pid())));
        if (bench.brokerPid > 0) {
            table.put(n, BROKER_HEAP, mib(ProcessProbe.heapAfterFullGc(bench.brokerPid)));
            table.put(n, BROKER_FILES, count(ProcessProbe.openFiles(bench.brokerPid)));
        }
        table.put(n, REDIS, mib(ProcessProbe.redisUsedMemory(bench.redis)));
        table.put(n, SERIES_CONFIG, fmt("%,d", series(state.stack.api(state.stack.tokens().admin(Duration.ofMinutes(5)))
                .send("GET", "/actuator/prometheus", null, null).body())));
        table.put(n, SERIES_DISPATCHER, fmt("%,d", series(state.stack.dispatcher().metrics().text())));
        table.put(n, SERIES_WORKER, fmt("%,d", series(worker.metrics().text())));

        double spread = state.spreadThroughput(offsets, mix);
        table.put(n, state.removing() ? DISPATCH_ACTIVE : DISPATCH, fmt("%,.0f", spread));
        bench.log("  dispatcher %,.0f requests/s spread over the orgs; now new orgs, one at a time ...", spread);

        // At the baseline no step waited for the removal, so the idle orgs still have their topics.
        if (state.removing() && mix.idle() > 0 && n != BASELINE) {
            Samples idle = state.idleOrgsFirstReviews(n, mix);
            table.put(n, IDLE_P50, fmt("%.0f", idle.percentile(50)));
            table.put(n, IDLE_P99, fmt("%.0f", idle.percentile(99)));
            bench.log("  an idle org's first review after its topics were removed: p50 %.0f / p99 %.0f ms",
                    idle.percentile(50), idle.percentile(99));
        }
        // Last, so that every other figure of this column is for n orgs; these join the next step's count.
        Samples first = state.newOrgsFirstReviews(n);
        table.put(n, FIRST_P50, fmt("%.0f", first.percentile(50)));
        table.put(n, FIRST_P99, fmt("%.0f", first.percentile(99)));
        table.put(n, FIRST_MAX, fmt("%.0f", first.max()));
        bench.log("  quiet org p99 %.0f ms (%.2f x at 10 orgs); a new org's first review p50 %.0f / p99 %.0f / max %.0f ms",
                quietP99, quietP99 / baseline, first.percentile(50), first.percentile(99), first.max());
        return baseline;
    }

    /** The orgs configured so far, the keys they use and how to add more. */
    private static final class State {

        final Bench bench;
        final Stack stack;
        final LoadClient client;
        final Orgs orgs;
        /** Every configured org but the quiet one: busy ones first, then the others in the order configured. */
        final List<String> mixOrgs = Collections.synchronizedList(new ArrayList<>());
        final String sharedKey;
        final String busyKey;
        final String quiet;

        /** Counts tenant partitions when idle topics are removed; null when they are kept. */
        final GroupSettle removal;

        State(Bench bench, Stack stack, LoadClient client, GroupSettle removal) {
            this.removal = removal;
            this.bench = bench;
            this.stack = stack;
            this.client = client;
            this.orgs = new Orgs(stack);
            this.sharedKey = orgs.key(KeyBehaviour.ok().withLatency(LATENCY));
            this.busyKey = orgs.key(KeyBehaviour.ok().withLatency(LATENCY));
            this.quiet = Orgs.newOrgId("scale-quiet");
            orgs.save(quiet, "main", "sim-large", orgs.key(KeyBehaviour.ok().withLatency(QUIET_LATENCY)), CAP);
            orgs.prime(client, bench.reviews, List.of(quiet));
        }

        int configured() {
            return mixOrgs.size() + 1;
        }

        boolean removing() {
            return removal != null;
        }

        /** Waits until the dispatcher has removed enough idle orgs' topics; logs how fast it went. */
        void awaitTenantPartitionsAtMost(int partitions, Duration within) {
            long start = System.nanoTime();
            int first = removal.tenantPartitions();
            int now = first;
            while (now > partitions) {
                if (System.nanoTime() - start > within.toNanos()) {
                    throw new IllegalStateException("the idle orgs' topics were not removed: " + now
                            + " tenant partitions after " + within.toMinutes() + " minutes (at most " + partitions
                            + " wanted)");
                }
                LoadClient.sleep(5_000);
                now = removal.tenantPartitions();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            bench.log("    %,d -> %,d tenant partitions in %.0f s", first, now, seconds);
        }

        /** Configures orgs (8 at a time through the REST API) until {@code n} exist, then primes them in batches. */
        void growTo(int n) {
            List<String> fresh = new ArrayList<>();
            for (int i = configured(); i < n; i++) {
                fresh.add(Orgs.newOrgId(mixOrgs.size() + fresh.size() < ScaleMix.MAX_BUSY ? "scale-busy" : "scale"));
            }
            ExecutorService savers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> saved = new ArrayList<>();
                for (String org : fresh) {
                    boolean busy = org.startsWith("scale-busy");
                    saved.add(savers.submit(() -> orgs.save(org, "main", "sim-large", busy ? busyKey : sharedKey,
                            busy ? 4 : CAP)));
                }
                for (Future<?> future : saved) {
                    future.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("configuring orgs failed", e);
            } finally {
                savers.shutdownNow();
            }
            for (int from = 0; from < fresh.size(); from += PRIME_BATCH) {
                List<String> batch = fresh.subList(from, Math.min(from + PRIME_BATCH, fresh.size()));
                if (removing()) {
                    // Within the broker's open files: the batch's topics on top of what is not removed yet.
                    awaitTenantPartitionsAtMost(PARTITION_BUDGET - 8 * batch.size(), Duration.ofMinutes(15));
                }
                List<String> ids = batch.stream().map(org -> org + "-prime").toList();
                batch.forEach(org -> client.send(org, org + "-prime", bench.reviews.json(org + "-prime", org, 0)));
                client.flush();
                if (!client.awaitAll(ids, Duration.ofMinutes(4))) {
                    throw new IllegalStateException((ids.size() - client.count(ids)) + " of " + ids.size()
                            + " priming reviews had no outcome after 4 minutes");
                }
                mixOrgs.addAll(batch);
                bench.log("    %,d orgs configured and primed", configured());
            }
        }

        Samples quietLatencies(int n) {
            List<String> ids = new ArrayList<>();
            Pacer.run(QUIET_RATE, QUIET_MEASURE, i -> {
                String id = quiet + "-" + n + "-" + i;
                ids.add(id);
                client.send(quiet, id, bench.reviews.json(id, quiet, i));
            });
            client.flush();
            if (!client.awaitAll(ids, Duration.ofMinutes(2))) {
                throw new IllegalStateException("the quiet org's reviews had no outcome after 2 minutes");
            }
            return latencies(ids);
        }

        /** One review of the quiet org, so that its topics exist (made again if they were removed). */
        void wakeQuietOrg(int n) {
            String id = quiet + "-wake-" + n;
            client.send(quiet, id, bench.reviews.json(id, quiet, 0));
            client.flush();
            if (!client.awaitAll(List.of(id), Duration.ofMinutes(2))) {
                throw new IllegalStateException("the quiet org's wake-up review had no outcome after 2 minutes");
            }
        }

        /** Configures new orgs one at a time while n exist and times each one's first review. */
        Samples newOrgsFirstReviews(int n) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < NEW_ORGS; i++) {
                String org = Orgs.newOrgId("scale-new");
                orgs.save(org, "main", "sim-large", sharedKey, CAP);
                String id = org + "-first";
                client.send(org, id, bench.reviews.json(id, org, 0));
                client.flush();
                if (!client.awaitAll(List.of(id), Duration.ofMinutes(2))) {
                    throw new IllegalStateException("a new org's first review had no outcome after 2 minutes at " + n
                            + " orgs");
                }
                ids.add(id);
                mixOrgs.add(org);
            }
            return latencies(ids);
        }

        /** Joins two workers, then kills them, timing how long the group takes to settle each time. */
        /** The tenant partitions to expect owned: counted at each look while idle orgs' topics come and go. */
        java.util.function.IntSupplier partitions(int counted) {
            return removing() ? removal::tenantPartitions : () -> counted;
        }

        void settleTimes(GroupSettle group, ScaleTable table, int n, int counted) {
            java.util.function.IntSupplier partitions = partitions(counted);
            ServiceProcess second = stack.addWorker();
            table.put(n, JOIN_12, seconds(group.secondsUntilSettled(System.nanoTime(), 2, partitions, SETTLE_WITHIN)));
            ServiceProcess third = stack.addWorker();
            table.put(n, JOIN_23, seconds(group.secondsUntilSettled(System.nanoTime(), 3, partitions, SETTLE_WITHIN)));
            long killed = System.nanoTime();
            third.kill();
            table.put(n, KILL_32, seconds(group.secondsUntilSettled(killed, 2, partitions, SETTLE_WITHIN)));
            killed = System.nanoTime();
            second.kill();
            table.put(n, KILL_21, seconds(group.secondsUntilSettled(killed, 1, partitions, SETTLE_WITHIN)));
            bench.log("  settled after joins 1->2 and 2->3, kills 3->2 and 2->1 at %,d orgs (see the table)", n);
        }

        /**
         * Reviews of idle orgs, one at a time, after their topics were removed: the dispatcher makes
         * them again (once no worker holds the old ones) and the worker picks them up.
         */
        Samples idleOrgsFirstReviews(int n, ScaleMix mix) {
            List<String> idle = mixOrgs.subList(mix.busy() + mix.occasional(), mixOrgs.size());
            List<String> ids = new ArrayList<>();
            int count = Math.min(NEW_ORGS, idle.size());
            for (int i = 0; i < count; i++) {
                String org = idle.get((int) ((long) i * idle.size() / count)); // each a different org
                String id = org + "-back-" + n;
                client.send(org, id, bench.reviews.json(id, org, 0));
                client.flush();
                if (!client.awaitAll(List.of(id), Duration.ofMinutes(2))) {
                    throw new IllegalStateException("an idle org's review had no outcome after 2 minutes at " + n + " orgs");
                }
                ids.add(id);
            }
            return latencies(ids);
        }

        /**
         * Sends {@link #SPREAD} reviews spread evenly over every org but the busy and quiet ones (the
         * occasional ones only, when idle orgs' topics are removed), with their provider answering at
         * once, and returns the dispatcher's sustained rate.
         */
        double spreadThroughput(Offsets offsets, ScaleMix mix) {
            stack.simulator().program(sharedKey, KeyBehaviour.ok());
            try {
                List<String> targets = new ArrayList<>(mixOrgs.subList(ScaleMix.MAX_BUSY,
                        removing() ? mix.busy() + mix.occasional() : mixOrgs.size()));
                if (targets.isEmpty()) {
                    targets.addAll(mixOrgs.subList(ScaleMix.MAX_BUSY, mixOrgs.size()));
                }
                long startCommitted = offsets.committedSum(DispatcherThroughput.GROUP, Topics.REVIEWS_REQUESTED);
                long endBefore = offsets.endSum(Topics.REVIEWS_REQUESTED);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < SPREAD; i++) {
                    String org = targets.get(i % targets.size());
                    String id = org + "-spread-" + configured() + "-" + i;
                    ids.add(id);
                    client.send(org, id, bench.reviews.json(id, org, i));
                }
                client.flush();
                CpuMeter meter = new CpuMeter().watch("dispatcher", stack.dispatcher().pid())
                        .watch("worker", stack.workers().getFirst().pid());
                if (bench.brokerPid > 0) {
                    meter.watch("kafka", bench.brokerPid);
                }
                DispatcherThroughput.Window window = DispatcherThroughput.middle80(offsets, startCommitted,
                        endBefore + SPREAD - startCommitted, Duration.ofMinutes(5), meter);
                // The worker serves the same reviews meanwhile, on the same two cores: the CPU line says who had them.
                bench.log("    CPU while the dispatcher worked through them: %s",
                        CpuMeter.Usage.between(window.from(), window.to()).describe());
                if (!client.awaitAll(ids, Duration.ofMinutes(5))) {
                    throw new IllegalStateException((SPREAD - client.count(ids)) + " spread reviews had no outcome");
                }
                return window.rate(endBefore + SPREAD - startCommitted);
            } finally {
                stack.simulator().program(sharedKey, KeyBehaviour.ok().withLatency(LATENCY));
            }
        }

        private Samples latencies(List<String> ids) {
            List<Double> millis = new ArrayList<>();
            for (String id : ids) {
                LoadClient.Received received = client.received(id);
                millis.add((received.nanos() - client.sent(id).nanos()) / 1e6);
            }
            return Samples.of(millis);
        }
    }

    /** The mix's reviews, sent open-loop on their own thread at the mix's rate. */
    private static final class Background implements AutoCloseable {

        private final Bench bench;
        private final LoadClient client;
        private final List<String> orgs;
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile ScaleMix mix = ScaleMix.of(0);
        private volatile boolean stopped;

        Background(Bench bench, LoadClient client, List<String> orgs) {
            this.bench = bench;
            this.client = client;
            this.orgs = orgs;
            this.thread = Thread.ofPlatform().daemon().name("scale-background").start(this::loop);
        }

        void use(ScaleMix next) {
            mix = next;
        }

        List<String> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        private void loop() {
            int i = 0;
            while (!stopped) {
                ScaleMix current = mix;
                if (current.busy() + current.occasional() == 0) {
                    LoadClient.sleep(200);
                    continue;
                }
                LockSupport.parkNanos((long) (1e9 / current.ratePerSecond()));
                String org = orgs.get(current.sender(i));
                String id = org + "-bg-" + i;
                sent.add(id);
                client.send(org, id, bench.reviews.json(id, org, i));
                i++;
            }
        }

        void stop() {
            stopped = true;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.flush();
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static String brokerTrouble(Bench bench) {
        Path log = bench.runDir.resolve("kafka-broker.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Too many open files") || l.contains("OutOfMemoryError")
                    || l.contains("Map failed")).findFirst().map(l -> "; the broker's log says: " + l.strip())
                    .orElse("");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** Sample lines of a Prometheus scrape: one per series. Pure. */
    static long series(String scrape) {
        return scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? fmt("%.0f", bytes.getAsLong() / (1024.0 * 1024.0)) : "-";
    }

    private static String count(OptionalLong value) {
        return value.isPresent() ? fmt("%,d", value.getAsLong()) : "-";
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "> " + SETTLE_WITHIN.toSeconds() : fmt("%.1f", value);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
