package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.byok.localstack.RepoLayout;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked offline: its shape
 * against the settings, its health check run as compose would run it, and, where the
 * docker-compose tool is installed ({@code ./run-tests} installs it), by the tool's own validation.
 */
class ComposeFileTest {

    private static final Path COMPOSE = RepoLayout.root().resolve("docker-compose.yml");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthCheckARestartPolicyAndTheSettingsOfTheContract() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsOnlyKeys("kafka", "redis", "config-service", "review-dispatcher", "llm-worker",
                "prometheus", "grafana");
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            assertThat(service).as(name).containsEntry("restart", "unless-stopped");
        });
        for (String name : List.of("config-service", "review-dispatcher", "llm-worker")) {
            Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
            assertThat(env).as(name).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092").containsKey("SERVER_PORT");
            Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
            assertThat((Map<String, Object>) build.get("args")).containsEntry("MODULE", name);
        }
        assertThat((Map<String, Object>) services.get("config-service").get("environment"))
                .containsEntry("REDIS_URL", "redis://redis:6379")
                .containsKeys("BYOK_JWT_SECRET", "BYOK_MASTER_KEY_FILE", "BYOK_EGRESS_ALLOW");
        assertThat((Map<String, Object>) services.get("llm-worker").get("environment"))
                .containsEntry("REDIS_URL", "redis://redis:6379").containsKeys("BYOK_MASTER_KEY_FILE", "BYOK_EGRESS_ALLOW");
        assertThat(services.get("config-service").get("volumes")).isEqualTo(services.get("llm-worker").get("volumes"));
    }

    /** An evicted permit or claim would break a cap or give a review a second outcome; a restart must not lose them. */
    @Test
    @SuppressWarnings("unchecked")
    void redisKeepsItsDataAndNeverEvicts() throws IOException {
        List<String> command = (List<String>) services().get("redis").get("command");

        assertThat(String.join(" ", command)).contains("--appendonly yes", "--maxmemory-policy noeviction");
        assertThat((List<String>) services().get("redis").get("volumes")).anyMatch(v -> v.endsWith(":/data"));
    }

    /** The CLI and tests on the host reach the broker at localhost:9094, the services inside at kafka:9092. */
    @Test
    @SuppressWarnings("unchecked")
    void kafkaIsReachableFromTheHost() throws IOException {
        Map<String, Object> kafka = services().get("kafka");
        Map<String, Object> env = (Map<String, Object>) kafka.get("environment");

        assertThat((String) env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092", "HOST://localhost:9094");
        assertThat((String) env.get("KAFKA_LISTENERS")).contains("HOST://:9094");
        assertThat((List<String>) kafka.get("ports")).contains("127.0.0.1:9094:9094");
    }

    /**
     * Prometheus and Grafana start only with {@code --profile monitoring}, and read the alert rules,
     * the Prometheus config and the dashboard that deploy/monitoring ships (MonitoringFilesTest checks those).
     */
    @Test
    @SuppressWarnings("unchecked")
    void monitoringIsAnOptionalProfileReadingTheShippedFiles() throws IOException {
        for (String name : List.of("prometheus", "grafana")) {
            Map<String, Object> service = services().get(name);
            assertThat((List<String>) service.get("profiles")).as(name).containsExactly("monitoring");
            for (String volume : (List<String>) service.get("volumes")) {
                if (volume.startsWith("./")) {
                    assertThat(COMPOSE.resolveSibling(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
                }
            }
        }
        assertThat((List<String>) services().get("prometheus").get("volumes"))
                .contains("./deploy/monitoring/byok-alerts.yml:/etc/prometheus/byok-alerts.yml:ro");
        assertThat((List<String>) services().get("grafana").get("volumes"))
                .anyMatch(v -> v.startsWith("./deploy/monitoring/byok-dashboard.json:"));
    }

    /** The image Testcontainers starts for the system tests is the one compose runs. */
    @Test
    void testcontainersUseTheImagesOfThisFile() throws IOException {
        assertThat(services().get("kafka").get("image")).isEqualTo(dev.byok.localstack.InfraSelection.KAFKA_IMAGE);
        assertThat(services().get("redis").get("image")).isEqualTo(dev.byok.localstack.InfraSelection.REDIS_IMAGE);
    }

    @Test
    void theDockerComposeToolAcceptsTheFile() throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        assumeTrue(Files.isExecutable(tool), "docker-compose is not installed here (./run-tests installs it)");
        ProcessBuilder builder = new ProcessBuilder(tool.toString(), "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true);
        builder.environment().put("BYOK_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes!!");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * The services' health check is run as compose would run it (its argv after compose's own
     * interpolation, which turns {@code $$} into {@code $}, with the port moved to a free one)
     * against a server answering like Actuator's readiness group: it passes only on HTTP 200, and a
     * DOWN answer that lists UP components (as Actuator's always does) fails it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theServiceHealthCheckPassesExactlyWhileTheServiceIsReady() throws Exception {
        List<String> test = (List<String>) ((Map<String, Object>) services().get("llm-worker").get("healthcheck")).get("test");
        assertThat(test.getFirst()).as("an exec form, so no /bin/sh of the image decides the syntax").isEqualTo("CMD");

        Object[] answer = {200, "{\"status\":\"UP\",\"components\":{\"kafka\":{\"status\":\"UP\"},"
                + "\"readinessState\":{\"status\":\"UP\"},\"redis\":{\"status\":\"UP\"}}}"};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
            exchange.sendResponseHeaders((Integer) answer[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            List<String> argv = new ArrayList<>(test.subList(1, test.size()));
            argv.replaceAll(arg -> arg.replace("$$", "$").replace("/8080", "/" + server.getAddress().getPort()));

            assertThat(run(argv)).as("service ready").isZero();
            answer[0] = 503;
            answer[1] = "{\"status\":\"DOWN\",\"components\":{\"kafka\":{\"status\":\"UP\"},"
                    + "\"readinessState\":{\"status\":\"UP\"},\"redis\":{\"status\":\"DOWN\"}}}";
            assertThat(run(argv)).as("Redis DOWN, the other components UP").isNotZero();
            answer[0] = 500;
            answer[1] = "\"UP\"";
            assertThat(run(argv)).as("an error whose body happens to say UP").isNotZero();
        } finally {
            server.stop(0);
        }
        List<String> stopped = new ArrayList<>(test.subList(1, test.size()));
        stopped.replaceAll(arg -> arg.replace("$$", "$").replace("/8080", "/" + server.getAddress().getPort()));
        assertThat(run(stopped)).as("nothing listening").isNotZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static int run(List<String> argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
