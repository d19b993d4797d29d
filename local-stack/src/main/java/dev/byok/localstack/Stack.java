package dev.byok.localstack;

import dev.byok.simulator.ProviderSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system on one machine: Kafka, Redis, the provider simulator, and config-service,
 * review-dispatcher and N llm-workers as separate processes started from their jars. The services
 * share one master key file and one JWT secret, as a deployment would.
 */
public final class Stack implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Path runDir;
    private final String kafkaBootstrap;
    private final String redisUrl;
    private final ProviderSimulator simulator;
    private final String jwtSecret;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    /** Changes that apply to config-service only (a null value removes a variable), on top of {@link #extraEnv}. */
    private final Map<String, String> configServiceEnv = new LinkedHashMap<>();
    private ServiceProcess configService;
    private ServiceProcess dispatcher;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final List<ServiceProcess> extraConfigServices = new ArrayList<>();
    private int workersStarted;
    private int restarts;
    private final List<ServiceProcess> retired = new ArrayList<>();

    private Stack(Path runDir, String kafkaBootstrap, String redisUrl, ProviderSimulator simulator,
            Map<String, String> extraEnv, int workerCount) {
        this.runDir = runDir;
        this.kafkaBootstrap = kafkaBootstrap;
        this.redisUrl = redisUrl;
        this.simulator = simulator;
        this.extraEnv.putAll(extraEnv);
        this.jwtSecret = HexFormat.of().formatHex(randomBytes(32));
        // config-service first: it creates the config topic the others read.
        this.configService = ServiceProcess.start("config-service", "config-service", configServiceEnv(), runDir);
        configService.awaitHealthy(STARTUP);
        this.dispatcher = ServiceProcess.start("review-dispatcher", "review-dispatcher", env(), runDir);
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            started.add(launchWorker());
        }
        List<CompletableFuture<Void>> health = new ArrayList<>();
        health.add(CompletableFuture.runAsync(() -> dispatcher.awaitHealthy(STARTUP)));
        started.forEach(w -> health.add(CompletableFuture.runAsync(() -> w.awaitHealthy(STARTUP))));
        CompletableFuture.allOf(health.toArray(CompletableFuture[]::new)).join();
        workers.addAll(started);
    }

    /**
     * Starts everything.
     *
     * @param runDir where logs and the master key go
     * @param extraEnv more environment for every service (e.g. log levels)
     */
    public static Stack start(Path runDir, String kafkaBootstrap, String redisUrl, ProviderSimulator simulator,
            int workerCount, Map<String, String> extraEnv) {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stack(runDir, kafkaBootstrap, redisUrl, simulator, extraEnv, workerCount);
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("REDIS_URL", redisUrl);
        env.put("BYOK_JWT_SECRET", jwtSecret);
        env.put("BYOK_MASTER_KEY_FILE", runDir.resolve("master.key").toAbsolutePath().toString());
        env.put("BYOK_EGRESS_ALLOW", "127.0.0.1,localhost");
        extraEnv.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    private Map<String, String> configServiceEnv() {
        Map<String, String> env = env();
        configServiceEnv.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    private ServiceProcess launchWorker() {
        return ServiceProcess.start("llm-worker-" + (++workersStarted), "llm-worker", env(), runDir);
    }

    /** Starts one more worker and waits until it is healthy. */
    public ServiceProcess addWorker() {
        ServiceProcess worker = launchWorker();
        worker.awaitHealthy(STARTUP);
        workers.add(worker);
        return worker;
    }

    /**
     * Restarts every service, one at a time, with {@code changes} applied to the environment (a null
     * value removes a variable): each new process is healthy before the old one stops, as in a
     * rolling deployment, so the system keeps serving throughout.
     */
    public void rollingRestart(Map<String, String> changes) {
        extraEnv.putAll(changes);
        configServiceEnv.keySet().removeAll(changes.keySet());
        configService = replace(configService, "config-service", configServiceEnv());
        dispatcher = replace(dispatcher, "review-dispatcher", env());
        List<ServiceProcess> running = workers();
        for (ServiceProcess worker : running) {
            ServiceProcess next = launchWorker();
            next.awaitHealthy(STARTUP);
            workers.add(next);
            worker.close();
        }
    }

    /**
     * Restarts config-service alone with {@code changes} (a null value removes a variable), which
     * stay config-service's own until a {@link #rollingRestart} sets the same variables for all:
     * how a rotation makes a new key primary once every worker can already open it.
     */
    public void restartConfigService(Map<String, String> changes) {
        configServiceEnv.putAll(changes);
        configService = replace(configService, "config-service", configServiceEnv());
    }

    private ServiceProcess replace(ServiceProcess old, String module, Map<String, String> env) {
        ServiceProcess next = ServiceProcess.start(module + "-" + (++restarts), module, env, runDir);
        next.awaitHealthy(STARTUP);
        old.close();
        retired.add(old);
        return next;
    }

    /** Starts another config-service instance on the same topic, for tests of consistency between instances. */
    public ServiceProcess addConfigService() {
        ServiceProcess instance = ServiceProcess.start("config-service-" + (extraConfigServices.size() + 2),
                "config-service", configServiceEnv(), runDir);
        instance.awaitHealthy(STARTUP);
        extraConfigServices.add(instance);
        return instance;
    }

    public ByokApi api(String token) {
        return new ByokApi(configService.baseUrl(), token);
    }

    /** The API of a given config-service instance. */
    public ByokApi api(ServiceProcess instance, String token) {
        return new ByokApi(instance.baseUrl(), token);
    }

    public JwtTokens tokens() {
        return new JwtTokens(jwtSecret);
    }

    /** The HS256 secret config-service verifies tokens with (random per stack): what {@code byok token} needs. */
    public String jwtSecret() {
        return jwtSecret;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String redisUrl() {
        return redisUrl;
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    /** The API root that slots use to reach the simulator's OpenAI-compatible endpoints. */
    public String simulatorBaseUrl() {
        return simulator.rootUrl() + "/v1";
    }

    public ServiceProcess configService() {
        return configService;
    }

    public ServiceProcess dispatcher() {
        return dispatcher;
    }

    /** The workers still running. */
    public List<ServiceProcess> workers() {
        return workers.stream().filter(ServiceProcess::isAlive).toList();
    }

    public List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        retired.forEach(r -> logs.add(r.logFile()));
        logs.add(configService.logFile());
        extraConfigServices.forEach(c -> logs.add(c.logFile()));
        logs.add(dispatcher.logFile());
        workers.forEach(w -> logs.add(w.logFile())); // the dead ones' logs too
        return logs;
    }

    public Path runDir() {
        return runDir;
    }

    @Override
    public void close() {
        workers.forEach(ServiceProcess::close);
        dispatcher.close();
        extraConfigServices.forEach(ServiceProcess::close);
        configService.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
