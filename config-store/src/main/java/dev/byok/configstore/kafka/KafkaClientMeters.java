package dev.byok.configstore.kafka;

import io.micrometer.core.instrument.MeterRegistry;
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
