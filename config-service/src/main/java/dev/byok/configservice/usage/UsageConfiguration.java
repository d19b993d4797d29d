package dev.byok.configservice.usage;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.configservice.status.RedisSettings;
import dev.byok.configstore.redis.RedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    PriceTable priceTable(UsageSettings settings) {
        return PriceTable.load(Optional.ofNullable(settings.pricesFile()));
    }

    /** Connected on first use: config-service starts and serves configs while Redis is away. */
    @Bean(destroyMethod = "shutdown")
    @Lazy
    RedissonClient usageRedis(RedisSettings redis) {
        return Redisson.create(RedisConnection.config(redis.redisUrl()));
    }

    @Bean
    UsageLedger usageLedger(@Lazy RedissonClient usageRedis, RedisSettings redis, UsageSettings settings) {
        return new UsageLedger(usageRedis, redis.redisKeyPrefix(), settings);
    }

    @Bean
    UsageQueries usageQueries(UsageLedger ledger, PriceTable prices) {
        return new UsageQueries(ledger, prices);
    }

    @Bean(destroyMethod = "close")
    BudgetGauges budgetGauges(dev.byok.configstore.ConfigTopicView view, @Lazy RedissonClient usageRedis,
            RedisSettings redis, java.time.Clock clock, MeterRegistry meters) {
        return new BudgetGauges(view, usageRedis, redis.redisKeyPrefix(), clock, meters, java.time.Duration.ofSeconds(10));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "byok.usage.enabled", havingValue = "true", matchIfMissing = true)
    UsageAccountant usageAccountant(KafkaProperties kafka, UsageLedger ledger, MeterRegistry meters) {
        return new UsageAccountant(kafka.buildConsumerProperties(), ledger, meters);
    }
}
