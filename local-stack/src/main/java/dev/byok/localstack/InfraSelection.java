package dev.byok.localstack;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Which Kafka and Redis the system tests use: the decision alone, pure, so it is unit-tested
 * without a broker or a Docker engine.
 *
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} / {@code REDIS_URL}, when set, always win: an existing
 *       cluster (CI's, a laptop's, compose's).</li>
 *   <li>Otherwise the switch decides: the system property {@code byok.infra}, else the environment
 *       variable {@code BYOK_TEST_INFRA}: {@code embedded} (the default: a broker in the test JVM,
 *       a Redis server from the binary on Maven Central) or {@code testcontainers} (the images of
 *       docker-compose.yml, which needs a Docker engine and says so when there is none).</li>
 * </ul>
 */
public final class InfraSelection {

    /** The images docker-compose.yml runs; ComposeFileTest keeps them equal. */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    public static final String REDIS_IMAGE = "redis:7-alpine";

    public static final String PROPERTY = "byok.infra";
    public static final String VARIABLE = "BYOK_TEST_INFRA";

    private InfraSelection() {
    }

    public enum Source {
        /** Named by KAFKA_BOOTSTRAP_SERVERS or REDIS_URL. */
        EXTERNAL,
        /** Started by the tests themselves, without Docker. */
        EMBEDDED,
        /** A Testcontainers container of the compose file's image. */
        CONTAINER
    }

    public record Choice(Source kafka, Source redis) {
    }

    /**
     * @param property the value of {@code -Dbyok.infra}, or null
     * @param env the environment
     * @param dockerAvailable asked only when containers are wanted
     */
    public static Choice choose(String property, Map<String, String> env, BooleanSupplier dockerAvailable) {
        boolean containers = containersWanted(property != null && !property.isBlank() ? property : env.get(VARIABLE));
        boolean externalKafka = isSet(env.get("KAFKA_BOOTSTRAP_SERVERS"));
        boolean externalRedis = isSet(env.get("REDIS_URL"));
        Source own = containers ? Source.CONTAINER : Source.EMBEDDED;
        Choice choice = new Choice(externalKafka ? Source.EXTERNAL : own, externalRedis ? Source.EXTERNAL : own);
        if ((choice.kafka() == Source.CONTAINER || choice.redis() == Source.CONTAINER) && !dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(PROPERTY + "=testcontainers needs a Docker engine, and none answers here"
                    + " (DOCKER_HOST or /var/run/docker.sock); leave the switch unset to use the embedded broker and Redis");
        }
        return choice;
    }

    private static boolean containersWanted(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> false;
            case "testcontainers" -> true;
            default -> throw new IllegalArgumentException(PROPERTY + " (or " + VARIABLE + ") must be 'embedded' or"
                    + " 'testcontainers', not '" + value + "'");
        };
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
