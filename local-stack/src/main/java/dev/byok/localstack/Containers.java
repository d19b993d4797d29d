package dev.byok.localstack;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and Redis as Testcontainers containers of docker-compose.yml's images, for machines with a
 * Docker engine ({@link InfraSelection}). The broker gets the same settings as the embedded one.
 */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static KafkaContainer kafka() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(InfraSelection.KAFKA_IMAGE));
        EmbeddedKafkaCluster.BROKER_PROPERTIES.forEach((name, value) ->
                kafka.withEnv("KAFKA_" + name.replace('.', '_').toUpperCase(Locale.ROOT), value));
        kafka.start();
        return kafka;
    }

    static GenericContainer<?> redis() {
        // Like the embedded one: nothing kept on disk, a fresh Redis for each test run.
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(InfraSelection.REDIS_IMAGE))
                .withExposedPorts(6379).withCommand("redis-server", "--save", "", "--appendonly", "no");
        redis.start();
        return redis;
    }

    static String redisUrl(GenericContainer<?> redis) {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }
}
