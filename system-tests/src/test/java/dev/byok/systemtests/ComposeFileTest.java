package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.byok.localstack.RepoLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
