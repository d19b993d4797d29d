package dev.byok.configservice.status;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the workers keep their shared state, read for an org's live status: the same Redis and key
 * prefix as theirs.
 *
 * @param redisUrl {@code REDIS_URL}
 * @param redisKeyPrefix {@code byok.redis-key-prefix}, as on the workers
 * @param redisConfigFile {@code byok.redis-config-file}: a Redisson YAML file (Sentinel, Cluster) that wins over the URL
 */
@ConfigurationProperties("byok")
public record RedisSettings(@DefaultValue("redis://127.0.0.1:6379") String redisUrl,
        @DefaultValue("byok:") String redisKeyPrefix, @DefaultValue("") String redisConfigFile) {
}
