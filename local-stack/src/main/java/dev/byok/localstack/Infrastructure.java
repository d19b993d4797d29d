package dev.byok.localstack;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka broker and Redis server that tests in one JVM share, as {@link InfraSelection}
 * decides: the ones {@code KAFKA_BOOTSTRAP_SERVERS} and {@code REDIS_URL} name; else, by default, a
 * real broker in this JVM and a real Redis server as a child process; or, with
 * {@code -Dbyok.infra=testcontainers} (or {@code BYOK_TEST_INFRA=testcontainers}) and a Docker
 * engine, containers of docker-compose.yml's images. Each is started once and stops when the JVM
 * exits. Tests keep out of each other's way with their own org ids.
 */
public final class Infrastructure {

    private static InfraSelection.Choice choice;
    private static String kafka;
    private static String redis;

    private Infrastructure() {
    }

    private static synchronized InfraSelection.Choice choice() {
        if (choice == null) {
            choice = InfraSelection.choose(System.getProperty(InfraSelection.PROPERTY), System.getenv(),
                    Containers::dockerAvailable);
        }
        return choice;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = switch (choice().kafka()) {
                case EXTERNAL -> System.getenv("KAFKA_BOOTSTRAP_SERVERS");
                case EMBEDDED -> {
                    EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(0);
                    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "embedded-kafka-stop"));
                    yield cluster.bootstrapServers();
                }
                case CONTAINER -> {
                    KafkaContainer container = Containers.kafka();
                    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
                    yield container.getBootstrapServers();
                }
            };
        }
        return kafka;
    }

    public static synchronized String redisUrl() {
        if (redis == null) {
            redis = switch (choice().redis()) {
                case EXTERNAL -> System.getenv("REDIS_URL");
                case EMBEDDED -> {
                    EmbeddedRedis server = EmbeddedRedis.start(0);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-redis-stop"));
                    yield server.url();
                }
                case CONTAINER -> {
                    GenericContainer<?> container = Containers.redis();
                    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "redis-container-stop"));
                    yield Containers.redisUrl(container);
                }
            };
        }
        return redis;
    }
}
