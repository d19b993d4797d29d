package dev.byok.configstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.redisson.config.SingleServerConfig;

class RedisConnectionTest {

    @Test
    void readsTlsCredentialsAndTheDatabaseFromTheUrl() {
        SingleServerConfig server = RedisConnection.config("rediss://worker:p%40ss@redis.internal:6380/2")
                .useSingleServer();

        assertThat(server.getAddress()).isEqualTo("rediss://redis.internal:6380");
        assertThat(server.getUsername()).isEqualTo("worker");
        assertThat(server.getPassword()).isEqualTo("p@ss");
        assertThat(server.getDatabase()).isEqualTo(2);
    }

    @Test
    void aPasswordWithoutUserAndThePlainDefaultsWork() {
        SingleServerConfig withPassword = RedisConnection.config("redis://:secret@127.0.0.1").useSingleServer();
        SingleServerConfig plain = RedisConnection.config("redis://127.0.0.1:6379").useSingleServer();

        assertThat(withPassword.getPassword()).isEqualTo("secret");
        assertThat(withPassword.getAddress()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(plain.getPassword()).isNull();
    }

    @Test
    void anythingButRedisUrlsIsRefused() {
        assertThatThrownBy(() -> RedisConnection.config("http://127.0.0.1:6379")).hasMessageContaining("REDIS_URL");
    }

    /** Sentinel through Redisson's own YAML; the password from the environment, never written in the file. */
    @Test
    void aRedissonYamlFileWinsOverTheUrl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("redisson.yaml");
        java.nio.file.Files.writeString(file, """
                sentinelServersConfig:
                  masterName: byok
                  password: "${BYOK_TEST_UNSET_REDIS_PASSWORD:-from-the-environment}"
                  sentinelAddresses:
                    - "rediss://sentinel-0.redis:26379"
                    - "rediss://sentinel-1.redis:26379"
                """);

        org.redisson.config.Config config = RedisConnection.config("redis://127.0.0.1:6379", file.toString());

        assertThat(config.isSentinelConfig()).isTrue();
        assertThat(config.useSentinelServers().getMasterName()).isEqualTo("byok");
        assertThat(config.useSentinelServers().getSentinelAddresses()).hasSize(2);
        assertThat(config.useSentinelServers().getPassword()).isEqualTo("from-the-environment");
        assertThat(RedisConnection.config("redis://127.0.0.1:6379", " ").useSingleServer().getAddress())
                .as("a blank file setting means the URL").isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void aBrokenFileIsNamedWithoutWhatItHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("redisson.yaml");
        java.nio.file.Files.writeString(file, "singleServerConfig:\n  password: hunter2-secret\n  adress: [broken\n");

        assertThatThrownBy(() -> RedisConnection.config("redis://127.0.0.1:6379", file.toString()))
                .hasMessageContaining(file.toString()).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisConnection.config("redis://127.0.0.1:6379", dir.resolve("missing.yaml").toString()))
                .hasMessageContaining("missing.yaml");
    }

    /** The Sentinel example that deploy/kubernetes ships is a configuration Redisson reads, on the master only. */
    @Test
    void theShippedSentinelExampleIsAValidRedissonConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String configMap = java.nio.file.Files.readString(java.nio.file.Path.of(
                "../deploy/kubernetes/examples/redis-sentinel/redisson-config.yaml"));
        String yaml = configMap.substring(configMap.indexOf("redisson.yaml: |") + "redisson.yaml: |".length())
                .lines().map(line -> line.length() >= 4 ? line.substring(4) : line)
                .collect(java.util.stream.Collectors.joining("\n"));
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("redisson.yaml"), yaml);

        org.redisson.config.Config config = RedisConnection.config("redis://127.0.0.1:6379", file.toString());

        assertThat(config.isSentinelConfig()).isTrue();
        assertThat(config.useSentinelServers().getSentinelAddresses()).hasSize(3);
        assertThat(config.useSentinelServers().getReadMode()).isEqualTo(org.redisson.config.ReadMode.MASTER);
    }
}
