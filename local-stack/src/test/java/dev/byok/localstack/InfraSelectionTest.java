package dev.byok.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.localstack.InfraSelection.Choice;
import dev.byok.localstack.InfraSelection.Source;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfraSelectionTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("Docker must not be looked for");
    };

    @Test
    void withoutTheSwitchTheTestsStartTheirOwnBrokerAndRedisWithoutAskingForDocker() {
        assertThat(InfraSelection.choose(null, Map.of(), NOT_ASKED)).isEqualTo(new Choice(Source.EMBEDDED, Source.EMBEDDED));
        assertThat(InfraSelection.choose("embedded", Map.of(), NOT_ASKED)).isEqualTo(new Choice(Source.EMBEDDED, Source.EMBEDDED));
    }

    @Test
    void theSwitchSelectsContainersByPropertyOrByVariable() {
        assertThat(InfraSelection.choose("testcontainers", Map.of(), DOCKER))
                .isEqualTo(new Choice(Source.CONTAINER, Source.CONTAINER));
        assertThat(InfraSelection.choose(null, Map.of("BYOK_TEST_INFRA", "TestContainers"), DOCKER))
                .isEqualTo(new Choice(Source.CONTAINER, Source.CONTAINER));
    }

    @Test
    void thePropertyWinsOverTheVariable() {
        assertThat(InfraSelection.choose("embedded", Map.of("BYOK_TEST_INFRA", "testcontainers"), NOT_ASKED))
                .isEqualTo(new Choice(Source.EMBEDDED, Source.EMBEDDED));
    }

    @Test
    void anExistingClusterOrRedisNamedInTheEnvironmentAlwaysWins() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "BYOK_TEST_INFRA", "testcontainers");

        assertThat(InfraSelection.choose(null, env, DOCKER)).isEqualTo(new Choice(Source.EXTERNAL, Source.CONTAINER));
        assertThat(InfraSelection.choose(null, Map.of("REDIS_URL", "redis://r:6379"), NOT_ASKED))
                .isEqualTo(new Choice(Source.EMBEDDED, Source.EXTERNAL));
        assertThat(InfraSelection.choose("testcontainers", Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "REDIS_URL", "redis://r:6379"), NOT_ASKED)).isEqualTo(new Choice(Source.EXTERNAL, Source.EXTERNAL));
    }

    @Test
    void containersWithoutADockerEngineFailWithWhatToDo() {
        assertThatThrownBy(() -> InfraSelection.choose("testcontainers", Map.of(), NO_DOCKER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a Docker engine")
                .hasMessageContaining("leave the switch unset");
    }

    @Test
    void anUnknownValueIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> InfraSelection.choose("docker", Map.of(), DOCKER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'embedded' or 'testcontainers'");
    }
}
