package dev.byok.configstore.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds the Kafka clients' own metrics (consumer lag per topic and partition, records and bytes,
 * request and transaction times) to Micrometer, for the raw clients the services build themselves
 * (Spring Boot binds only the clients of its own factories). Call it where a client is built:
 * {@code meters.consumer("review-engine", new KafkaConsumer<>(config))}.
 *
 * <p>A client is bound under a role; binding a new client under the same role (a producer replaced
 * after it was fenced) removes the meters of the one before, so a replaced client leaves no stale
 * series. Thread-safe.
 */
public final class KafkaClientMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final Map<String, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

    public KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public <C extends Consumer<?, ?>> C consumer(String role, C consumer) {
        bind(role, new KafkaClientMetrics(consumer));
        return consumer;
    }

    public <P extends Producer<?, ?>> P producer(String role, P producer) {
        bind(role, new KafkaClientMetrics(producer));
        return producer;
    }

    public <A extends Admin> A admin(String role, A admin) {
        if (admin instanceof AdminClient client) {
            bind(role, new KafkaClientMetrics(client));
        }
        return admin;
    }

    /**
     * Leaves out the clients' meters about one tenant topic or one of its partitions (a producer's
     * per-topic sends, a consumer's per-partition lag). They are series per org: the scale benchmark
     * counted 9,449 on the dispatcher at 1,000 orgs, 9 per org. The per-org backlog is
     * {@code byok_backlog_records}; the clients' totals and their other topics stay.
     */
    public static MeterFilter withoutTenantTopics() {
        return MeterFilter.deny(id -> id.getName().startsWith("kafka.") && id.getTag("topic") != null
                && dev.byok.model.Topics.TENANT_TOPIC_PATTERN.matcher(id.getTag("topic")).matches());
    }

    /** Removes every bound client's meters (the clients themselves are closed by their owners). */
    @Override
    public void close() {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
    }

    private void bind(String role, KafkaClientMetrics metrics) {
        KafkaClientMetrics previous = bound.put(role, metrics);
        if (previous != null) {
            previous.close();
        }
        metrics.bindTo(registry);
    }
}
