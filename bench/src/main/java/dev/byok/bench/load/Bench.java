package dev.byok.bench.load;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.simulator.ProviderSimulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What every scenario shares: Kafka, Redis, the simulator, the services' settings, the report. */
public final class Bench {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    final String kafka;
    final String redis;
    final ProviderSimulator simulator;
    final Path runDir;
    final Map<String, String> serviceEnv;
    final Reviews reviews = new Reviews(4096, 42);
    final Report report = new Report();
    final PrintStream out;
    final int runs;
    /** The Kafka broker's process when the harness started it, else -1. */
    final long brokerPid;
    /** How long to wait for other work on the machine to stop before a run; zero: never wait. */
    Duration quietWait = Duration.ofMinutes(10);
    /** Other processes may use this much of one core (in %) while a run starts. */
    double quietThreshold = 25;

    Bench(String kafka, String redis, ProviderSimulator simulator, Path runDir, Map<String, String> serviceEnv,
            int runs, PrintStream out, long brokerPid) {
        this.kafka = kafka;
        this.redis = redis;
        this.simulator = simulator;
        this.runDir = runDir;
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.runs = runs;
        this.out = out;
        this.brokerPid = brokerPid;
    }

    Stack startStack(String name, int workers) {
        return startStack(name, workers, Map.of());
    }

    /** @param settings service settings on top of the run's own (as environment variables) */
    Stack startStack(String name, int workers, Map<String, String> settings) {
        long started = System.nanoTime();
        log("starting config-service, review-dispatcher and %d llm-worker(s) for %s ...", workers, name);
        Map<String, String> env = new java.util.LinkedHashMap<>(serviceEnv);
        env.putAll(settings);
        Stack stack = Stack.start(runDir.resolve(name), kafka, redis, simulator, workers, env);
        log("  up in %.1f s", (System.nanoTime() - started) / 1e9);
        return stack;
    }

    /** The stack's processes, the broker's and this one (which runs the simulator and the load client). */
    CpuMeter cpu(Stack stack) {
        CpuMeter meter = new CpuMeter();
        if (brokerPid > 0) {
            meter.watch("kafka", brokerPid);
        }
        meter.watch("harness(simulator+client)", ProcessHandle.current().pid())
                .watch("config-service", stack.configService().pid())
                .watch("dispatcher", stack.dispatcher().pid());
        int i = 1;
        for (ServiceProcess worker : stack.workers()) {
            meter.watch("worker-" + i++, worker.pid());
        }
        return meter;
    }

    /**
     * Waits, up to {@link #quietWait}, until processes that are not part of the benchmark use less
     * than {@link #quietThreshold} % of a core (a shared machine: builds, tests, browsers). What
     * the others used during each run is also in the run's CPU line.
     */
    /**
     * Before each measured run: the simulator forgets earlier runs' keys and captures (so its
     * memory, in this JVM, stays small), then {@link #awaitQuiet}.
     */
    void beforeRun(CpuMeter ours, String what) {
        simulator.reset();
        awaitQuiet(ours, what);
    }

    void awaitQuiet(CpuMeter ours, String what) {
        long deadline = System.nanoTime() + quietWait.toNanos();
        boolean told = false;
        while (true) {
            CpuMeter.Snapshot from = ours.snapshot();
            LoadClient.sleep(2_000);
            CpuMeter.Usage usage = CpuMeter.Usage.between(from, ours.snapshot());
            double others = usage.othersPercentOfCore();
            double own = usage.percentOfCore().values().stream().mapToDouble(Double::doubleValue).sum();
            // our own processes must be idle too: the previous run's work has drained
            if (Double.isNaN(others) || (others <= quietThreshold && own <= 60)) {
                if (told) {
                    log("  the machine is quiet again (others %.0f%% of a core)", others);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                log("  warning: other processes still use %.0f%% of a core (ours %.0f%%); running %s anyway", others,
                        own, what);
                report.note("machine", String.format(Locale.ROOT, "%s started while other processes used %.0f%% of a"
                        + " core (the benchmark's own %.0f%%)", what, others, own));
                return;
            }
            if (!told) {
                log("  waiting for the machine to be quiet (other processes use %.0f%% of a core, ours %.0f%%) ...",
                        others, own);
                told = true;
            }
        }
    }

    void log(String format, Object... args) {
        out.println(LocalTime.now().format(CLOCK) + "  " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    static Map<String, String> env(Map<String, String> base, String... pairs) {
        Map<String, String> env = new LinkedHashMap<>(base);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
