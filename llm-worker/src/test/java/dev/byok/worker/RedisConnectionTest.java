package dev.byok.worker;

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
}
