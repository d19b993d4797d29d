package dev.byok.systemtests;

import dev.byok.localstack.Infrastructure;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.simulator.ProviderSimulator;
import java.nio.file.Path;
import java.util.Map;

/**
 * One running system per test JVM, shared by the test classes: starting Kafka, Redis and five
 * JVMs costs seconds, and every test works with its own orgs and keys. Logs go to
 * {@code target/system-run}, where the secret scan reads them.
 */
final class SystemUnderTest {

    /** Where the services write their finished spans (byok.trace-file), one file per process. */
    static final Path SPANS = Path.of("target", "system-run", "spans").toAbsolutePath();
    static final int WORKERS = 2;
    static final int MAX_IN_FLIGHT_PER_WORKER = 16;
    /** How long a dead worker's permit can stay held (a live worker's watchdog renews it). */
    static final java.time.Duration PERMIT_LEASE = java.time.Duration.ofSeconds(5);
    /** The hard deadline of one provider call (connect, headers and body). */
    static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(3);
    /** Without a fallback, how long after its first attempt a review may still be tried. */
    static final java.time.Duration REVIEW_DEADLINE = java.time.Duration.ofSeconds(60);
    /** Reviews queued in one lane of one worker before it pauses its partitions (resumes at half). */
    static final int PAUSE_AT_QUEUED = 10;

    /**
     * Every service of every system test logs at DEBUG, its own code and the frameworks' alike, so a
     * key could not hide from the log scans at any level.
     */
    static final Map<String, String> DEBUG_LOGGING = Map.of("LOGGING_LEVEL_ROOT", "DEBUG",
            // Except four Kafka client loggers that log only offsets and topic lists, at every fetch and
            // metadata refresh: they were 85 % of 1.2 GB of logs in one full run, whose scan took three minutes.
            // (JSON: an environment variable cannot name a logger with capitals.)
            "SPRING_APPLICATION_JSON", """
                    {"logging":{"level":{"org.apache.kafka.clients.Metadata":"INFO",
                    "org.apache.kafka.clients.FetchSessionHandler":"INFO",
                    "org.apache.kafka.clients.consumer.internals.AbstractFetch":"INFO",
                    "org.apache.kafka.clients.consumer.internals.FetchCollector":"INFO"}}}""");
    /**
     * A DEBUG line of a framework logger (Spring, Kafka, Tomcat, ...): proof that root, not only dev.byok, ran at DEBUG.
     * The traced services (dispatcher, workers) add the trace and span ids as a third bracket before the logger.
     */
    static final java.util.regex.Pattern FRAMEWORK_DEBUG_LINE = java.util.regex.Pattern.compile(
            "(?m)^\\S+ DEBUG \\d+ --- \\[[^]]*] \\[[^]]*] (\\[[^]]*] )?(o\\.s\\.|o\\.a\\.|org\\.)");

    /**
     * Short timeouts so the fault scenarios take seconds, a low pause threshold so every backlog
     * exercises pausing, and DEBUG so a key could not hide from the log scan.
     */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("LOGGING_LEVEL_DEV_BYOK", "DEBUG"),
            Map.entry("BYOK_REQUEST_TIMEOUT", REQUEST_TIMEOUT.toSeconds() + "s"),
            Map.entry("BYOK_CONNECT_TIMEOUT", "1s"),
            Map.entry("BYOK_PERMIT_LEASE", PERMIT_LEASE.toSeconds() + "s"),
            Map.entry("BYOK_STREAM_IDLE_TIMEOUT", "2s"),
            Map.entry("BYOK_STREAM_TIMEOUT", "30s"),
            Map.entry("BYOK_RETRY_BASE_DELAY", "200ms"),
            Map.entry("BYOK_RETRY_MAX_DELAY", "1s"),
            Map.entry("BYOK_REVIEW_DEADLINE", REVIEW_DEADLINE.toSeconds() + "s"),
            Map.entry("BYOK_PAUSE_AT_QUEUED", Integer.toString(PAUSE_AT_QUEUED)),
            Map.entry("BYOK_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT_PER_WORKER)),
            Map.entry("BYOK_BREAKER_OPEN_FOR", "10s"),
            // The dispatcher reads the per-org backlog this often (MetricsIT watches it come and go).
            Map.entry("BYOK_BACKLOG_INTERVAL", "1s"),
            // Every review traced, its spans written by each service process to its own file (TracingIT).
            Map.entry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0"),
            Map.entry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms"),
            Map.entry("BYOK_TRACE_FILE", SPANS.resolve("spans-${PID}.jsonl").toString()),
            Map.entry("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "6000"),
            Map.entry("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "2000"));
    private static Stack stack;
    private static ReviewTraffic traffic;
    private static ServiceProcess secondConfigService;

    private SystemUnderTest() {
    }

    static synchronized Stack stack() {
        if (stack == null) {
            ProviderSimulator simulator = ProviderSimulator.start();
            try {
                java.nio.file.Files.createDirectories(SPANS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            stack = Stack.start(Path.of("target", "system-run"), Infrastructure.kafkaBootstrapServers(),
                    Infrastructure.redisUrl(), simulator, WORKERS,
                    withDebugLogging(SETTINGS));
            traffic = new ReviewTraffic(stack.kafkaBootstrap());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                traffic.close();
                stack.close();
                simulator.close();
            }, "system-under-test-stop"));
        }
        return stack;
    }

    /** A second config-service instance on the same topic, started on first use. */
    /** Starts workers until at least {@code count} run; they stay for the tests after (ordered last for that). */
    static synchronized void atLeastWorkers(int count) {
        while (stack().workers().stream().filter(ServiceProcess::isAlive).count() < count) {
            stack().addWorker();
        }
    }

    static synchronized ServiceProcess secondConfigService() {
        if (secondConfigService == null) {
            secondConfigService = stack().addConfigService();
        }
        return secondConfigService;
    }

    /** {@code settings} plus {@link #DEBUG_LOGGING}. */
    static Map<String, String> withDebugLogging(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putAll(DEBUG_LOGGING);
        return all;
    }

    static synchronized ReviewTraffic traffic() {
        stack();
        return traffic;
    }
}
