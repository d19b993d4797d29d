package dev.byok.configstore;

import dev.byok.configstore.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The config view's metrics: records of the config topic it skipped because no config-service wrote
 * them, and its consumer's own Kafka client metrics (how far it is behind the config topic).
 */
public final class ConfigViewMetrics implements MeterBinder {

    private final ConfigTopicView view;

    public ConfigViewMetrics(ConfigTopicView view) {
        this.view = view;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("byok.config.records.skipped", view, ConfigTopicView::skippedRecords)
                .description("records of byok.configs skipped because config-service could not have written them")
                .register(registry);
        new KafkaClientMeters(registry).consumer("config-view", view.consumer());
    }
}
