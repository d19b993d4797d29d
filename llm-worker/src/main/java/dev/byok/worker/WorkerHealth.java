package dev.byok.worker;

import dev.byok.configstore.ConfigTopicView;
import dev.byok.worker.engine.ReviewEngine;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker is UP only while the broker answers, the config view reads, the engine polls and Redis answers. */
@Configuration(proxyBeanMethods = false)
class WorkerHealth {

    @Bean("kafka")
    HealthIndicator kafkaHealth(Admin admin, ConfigTopicView view, ReviewEngine engine) {
        return () -> {
            try {
                String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId()
                        .get(3, TimeUnit.SECONDS);
                if (!view.isReady() || !engine.isHealthy()) {
                    return Health.down().withDetail("engine", engine.isHealthy() ? "polling" : "stopped")
                            .withDetail("configView", view.isReady() ? "reading" : "not reading").build();
                }
                return Health.up().withDetail("clusterId", clusterId).withDetail("running", engine.stats().running())
                        .build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /**
     * Readiness: the config view has read the config topic up to its end as of now, so this
     * instance serves every org's current config (a view that fell behind is not ready).
     */
    @Bean("configView")
    HealthIndicator configViewHealth(ConfigTopicView view) {
        return () -> view.isReady() && view.awaitCaughtUp(java.time.Duration.ofSeconds(3))
                ? Health.up().withDetail("orgs", view.orgIds().size()).build()
                : Health.down().withDetail("configView", view.isReady() ? "behind the config topic" : "not reading")
                        .build();
    }

    @Bean("redis")
    HealthIndicator redisHealth(RedissonClient redisson) {
        return () -> {
            try {
                boolean pong = redisson.getRedisNodes(nodesOf(redisson.getConfig())).pingAll(2, TimeUnit.SECONDS);
                return pong ? Health.up().build() : Health.down().withDetail("error", "no PONG").build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /** The nodes to ping in the mode the Redisson configuration chose (README "Redis beyond one server"). */
    private static RedisNodes<?> nodesOf(org.redisson.config.Config config) {
        if (config.isClusterConfig()) {
            return RedisNodes.CLUSTER;
        }
        if (config.isSentinelConfig()) {
            return RedisNodes.SENTINEL_MASTER_SLAVE;
        }
        return RedisNodes.SINGLE;
    }
}
