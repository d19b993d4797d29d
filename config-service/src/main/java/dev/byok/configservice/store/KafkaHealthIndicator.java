package dev.byok.configservice.store;

import dev.byok.configstore.ConfigTopicView;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP only while the broker answers and the config view is reading the topic. */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;
    private final ConfigTopicView view;

    KafkaHealthIndicator(Admin admin, ConfigTopicView view) {
        this.admin = admin;
        this.view = view;
    }

    @Override
    public Health health() {
        try {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId()
                    .get(3, TimeUnit.SECONDS);
            if (!view.isReady()) {
                return Health.down().withDetail("configView", "not reading the config topic").build();
            }
            return Health.up().withDetail("clusterId", clusterId).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
