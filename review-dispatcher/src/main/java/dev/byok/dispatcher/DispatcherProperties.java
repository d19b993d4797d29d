package dev.byok.dispatcher;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of review-dispatcher (README, "Settings").
 *
 * @param ingressPartitions partitions of the ingress, results and dead-letter topics when created here
 * @param tenantPartitions partitions of each tenant topic: how many workers can share one org's backlog
 * @param configPartitions partitions of the config topic when created here
 * @param replicationFactor replication of topics created here; 0 means the broker default
 * @param maxReviewBytes the largest review request accepted (the contract's 8 MiB)
 * @param backlogInterval how often the per-org backlog (byok_backlog_records) is read from the brokers
 * @param idleTopicRetention how long an org with a config may go without a review before its tenant
 *     topics are removed (made again by its next review); 0 keeps them
 * @param unconfiguredTopicRetention the same for an org whose config was deleted; 0 keeps them
 * @param topicSweepInterval how often the tenant topics are looked at for removal
 */
@ConfigurationProperties("byok")
public record DispatcherProperties(
        @DefaultValue("3") int ingressPartitions,
        @DefaultValue("4") int tenantPartitions,
        @DefaultValue("1") int configPartitions,
        @DefaultValue("0") short replicationFactor,
        @DefaultValue("8388608") int maxReviewBytes,
        @DefaultValue("30s") java.time.Duration backlogInterval,
        @DefaultValue("7d") java.time.Duration idleTopicRetention,
        @DefaultValue("1h") java.time.Duration unconfiguredTopicRetention,
        @DefaultValue("5m") java.time.Duration topicSweepInterval) {

    public DispatcherProperties {
        if (ingressPartitions < 1 || tenantPartitions < 1 || configPartitions < 1) {
            throw new IllegalArgumentException("partition counts must be at least 1");
        }
        if (maxReviewBytes < 1) {
            throw new IllegalArgumentException("byok.max-review-bytes must be positive");
        }
        if (backlogInterval.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("byok.backlog-interval must be at least 1s");
        }
        if (idleTopicRetention.isNegative() || unconfiguredTopicRetention.isNegative()) {
            throw new IllegalArgumentException("byok.idle-topic-retention and byok.unconfigured-topic-retention cannot be negative");
        }
        if (topicSweepInterval.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("byok.topic-sweep-interval must be at least 1s");
        }
    }
}
