package dev.byok.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service running as its own JVM from its jar ({@code java -jar <module>.jar}), configured
 * through the environment variables of CONTRACTS §4, exactly as an operator runs it. Its output
 * goes to a log file that tests can read.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private ServiceProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts {@code module}'s jar with {@code env} on a free port; returns at once (see {@link #awaitHealthy}). */
    public static ServiceProcess start(String name, String module, Map<String, String> env, Path logDir) {
        int port = EmbeddedRedis.freePort();
        Path logFile = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags());
        command.add("-Djava.io.tmpdir=" + logDir.toAbsolutePath());
        if (Runtime.version().feature() >= 24) {
            // lz4-java (Kafka's compression) still uses sun.misc.Unsafe; newer JDKs warn about it on every start
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", RepoLayout.serviceJar(module).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            Process process = builder.start();
            // Ctrl-C or SIGTERM on the launcher (run-local serve, an aborted test run) must not leave services behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, name + "-stop"));
            return new ServiceProcess(name, process, port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Small heaps and a quick start by default (tests and the demo run five JVMs on two cores);
     * {@code BYOK_SERVICE_JVM_FLAGS} replaces them, e.g. for benchmarks that need the full JIT.
     */
    static List<String> jvmFlags() {
        String flags = System.getenv("BYOK_SERVICE_JVM_FLAGS");
        if (flags != null && !flags.isBlank()) {
            return List.of(flags.trim().split("\\s+"));
        }
        return List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the service's {@code /actuator/prometheus} says now. */
    public PrometheusText metrics() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(name + " answered HTTP " + answer.statusCode() + " for its metrics");
            }
            return new PrometheusText(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service is ready: {@code /actuator/health/readiness} answers 200, as compose asks. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                lastProblem = "HTTP " + health.statusCode() + " " + health.body();
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + " (" + lastProblem + "); see "
                + logFile);
    }

    /** SIGKILL: the process dies mid-flight without any chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, then wait for a graceful shutdown. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
