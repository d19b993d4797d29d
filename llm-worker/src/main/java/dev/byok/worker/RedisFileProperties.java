package dev.byok.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis beyond one server (README "Redis beyond one server").
 *
 * @param redisConfigFile {@code byok.redis-config-file} ({@code BYOK_REDIS_CONFIG_FILE}): a Redisson
 *        YAML file (sentinelServersConfig, clusterServersConfig, ...) that wins over {@code REDIS_URL};
 *        blank for the URL
 */
@ConfigurationProperties("byok")
public record RedisFileProperties(@DefaultValue("") String redisConfigFile) {
}
