package dev.byok.bench.load;

import dev.byok.localstack.EmbeddedKafkaCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka broker of the load harness in a JVM of its own, as a broker runs in production: the
 * load generator's and the simulator's garbage collections then do not pause the broker, and the
 * broker's CPU shows on its own line. Its {@link #main} starts local-stack's KRaft broker and prints
 * the bootstrap address; the harness starts it with Kafka's recommended JVM settings.
 */
final class BrokerProcess implements AutoCloseable {

    /** The JVM settings of Kafka's own start scripts (kafka-server-start.sh, kafka-run-class.sh). */
    static final List<String> KAFKA_JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    private static final String READY = "BOOTSTRAP ";

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(KAFKA_JVM_FLAGS);
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.to(logDir.resolve("kafka-broker.log").toFile())).start();
        // Ctrl-C on the harness must not leave the broker behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "kafka-broker-stop"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                return new BrokerProcess(process, line.substring(READY.length()).trim());
            }
        }
        throw new IOException("the Kafka broker process ended before it was ready; see " + logDir.resolve("kafka-broker.log"));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the broker until the process is told to stop. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
