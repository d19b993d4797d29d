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
 * against the contract's settings, and, where the docker-compose tool is installed (CI installs
 * it), by the tool's own validation.
 */
class ComposeFileTest {

    private static final Path COMPOSE = RepoLayout.root().resolve("docker-compose.yml");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthCheckAndTheSettingsOfTheContract() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("kafka", "redis", "config-service", "review-dispatcher", "llm-worker");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        for (String name : List.of("config-service", "review-dispatcher", "llm-worker")) {
            Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
            assertThat(env).as(name).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092").containsKey("SERVER_PORT");
            Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
            assertThat((Map<String, Object>) build.get("args")).containsEntry("MODULE", name);
        }
        assertThat((Map<String, Object>) services.get("config-service").get("environment"))
                .containsKeys("BYOK_JWT_SECRET", "BYOK_MASTER_KEY_FILE", "BYOK_EGRESS_ALLOW");
        assertThat((Map<String, Object>) services.get("llm-worker").get("environment"))
                .containsEntry("REDIS_URL", "redis://redis:6379").containsKeys("BYOK_MASTER_KEY_FILE", "BYOK_EGRESS_ALLOW");
        assertThat(services.get("config-service").get("volumes")).isEqualTo(services.get("llm-worker").get("volumes"));
    }

    @Test
    void theDockerComposeToolAcceptsTheFile() throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        assumeTrue(Files.isExecutable(tool), "docker-compose is not installed here (.ci/run installs it)");
        ProcessBuilder builder = new ProcessBuilder(tool.toString(), "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true);
        builder.environment().put("BYOK_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes!!");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * The services' health check is run as compose would run it (its argv, with the port moved to a
     * free one) against a server answering like Actuator: it passes only while the service says UP.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theServiceHealthCheckPassesExactlyWhileTheServiceIsUp() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> test = (List<String>) ((Map<String, Object>) services.get("llm-worker").get("healthcheck")).get("test");
        assertThat(test.getFirst()).as("an exec form, so no /bin/sh of the image decides the syntax").isEqualTo("CMD");

        String[] health = {"{\"status\":\"UP\"}"};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = health[0].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(health[0].contains("UP") ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            List<String> argv = new ArrayList<>(test.subList(1, test.size()));
            argv.replaceAll(arg -> arg.replace("/8080", "/" + server.getAddress().getPort()));

            assertThat(run(argv)).as("service UP").isZero();
            health[0] = "{\"status\":\"DOWN\"}";
            assertThat(run(argv)).as("service DOWN").isNotZero();
        } finally {
            server.stop(0);
        }
    }

    private static int run(List<String> argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
