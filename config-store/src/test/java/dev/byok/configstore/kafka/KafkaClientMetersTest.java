package dev.byok.configstore.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class KafkaClientMetersTest {

    @Test
    void clientMetersOfTenantTopicsAreLeftOutAndEveryOtherOneStays() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(KafkaClientMeters.withoutTenantTopics());

        gauge(registry, "kafka.producer.topic.record.send.total", "byok.tenant.acme.main");
        gauge(registry, "kafka.consumer.fetch.manager.records.lag", "byok.tenant.acme.fallback");
        gauge(registry, "kafka.consumer.fetch.manager.records.lag", "byok.reviews.requested");
        gauge(registry, "kafka.producer.topic.record.send.total", "byok.reviews.results");
        Gauge.builder("kafka.producer.record.send.total", () -> 1).register(registry);
        gauge(registry, "byok.backlog.records", "byok.tenant.acme.main");

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName() + " " + m.getId().getTag("topic"))
                .containsExactlyInAnyOrder("kafka.consumer.fetch.manager.records.lag byok.reviews.requested",
                        "kafka.producer.topic.record.send.total byok.reviews.results",
                        "kafka.producer.record.send.total null",
                        "byok.backlog.records byok.tenant.acme.main");
    }

    private static void gauge(SimpleMeterRegistry registry, String name, String topic) {
        Gauge.builder(name, () -> 1).tag("topic", topic).register(registry);
    }
}
