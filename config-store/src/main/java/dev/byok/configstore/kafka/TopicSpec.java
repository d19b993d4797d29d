package dev.byok.configstore.kafka;

import dev.byok.model.Topics;
import java.util.Map;

/** A topic as a service wants it to exist: name, partition count and topic-level configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /**
     * Reviews carry whole diffs: the contract accepts 8 MiB of JSON, and a request a little over that
     * must still arrive so that it can be answered with a clear FAILED outcome instead of being
     * refused by the broker.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Map<String, String> LARGE_MESSAGES = Map.of(
            "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));

    public TopicSpec {
        configs = Map.copyOf(configs);
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }

    /** A topic that carries reviews or outcomes. */
    public static TopicSpec reviews(String name, int partitions) {
        return new TopicSpec(name, partitions, LARGE_MESSAGES);
    }

    /** The log-compacted config topic: the latest config of each org is kept forever. */
    public static TopicSpec configs(int partitions) {
        return new TopicSpec(Topics.CONFIGS, partitions, Map.of("cleanup.policy", "compact"));
    }

    /**
     * The audit topic: every change is kept for {@code retention} (deleted after, never compacted, so
     * no later change of an org hides an earlier one).
     */
    public static TopicSpec audit(int partitions, java.time.Duration retention) {
        return new TopicSpec(Topics.AUDIT, partitions, Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(retention.toMillis())));
    }

    /** Budget alerts: kept a month (an operator's alerting reads them within minutes). */
    public static TopicSpec budgetAlerts(int partitions) {
        return new TopicSpec(Topics.BUDGET_ALERTS, partitions, Map.of("retention.ms",
                Long.toString(java.time.Duration.ofDays(31).toMillis())));
    }
}
