package dev.byok.configservice.status;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

    @Bean(destroyMethod = "close")
    LiveState liveState(RedisSettings settings, Clock clock) {
        return new LiveState(settings.redisUrl(), settings.redisConfigFile(), settings.redisKeyPrefix(), clock);
    }
}
