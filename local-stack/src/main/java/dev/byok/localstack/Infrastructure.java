package dev.byok.localstack;

/**
 * The Kafka broker and Redis server that tests in one JVM share. {@code KAFKA_BOOTSTRAP_SERVERS}
 * and {@code REDIS_URL} point at existing ones (CI, a laptop with Docker, a shared cluster);
 * without them a real broker starts in this JVM and a real Redis server as a child process, once,
 * and both stop when the JVM exits. Tests keep out of each other's way with their own org ids.
 */
public final class Infrastructure {

    private static EmbeddedKafkaCluster kafka;
    private static EmbeddedRedis redis;

    private Infrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (kafka == null) {
            kafka = EmbeddedKafkaCluster.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka.bootstrapServers();
    }

    public static synchronized String redisUrl() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (redis == null) {
            redis = EmbeddedRedis.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "embedded-redis-stop"));
        }
        return redis.url();
    }
}
