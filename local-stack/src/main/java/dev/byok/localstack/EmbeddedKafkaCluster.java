package dev.byok.localstack;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM. Clients in
 * other processes reach it over TCP like any broker. Auto-creation of topics is off, as it should
 * be in production, so a service that forgets to create its topics fails here too.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** The broker's settings; a Testcontainers broker gets the same ({@link Containers}). */
    static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0",
            // 50 partitions each by default: needless work on a 2-core machine
            "offsets.topic.num.partitions", "4",
            "transaction.state.log.num.partitions", "4",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "log.cleaner.backoff.ms", "1000",
            // how often transactions of crashed producers are looked for and aborted (default 10 s)
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaCluster(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param port the listener port, or 0 for a free one */
    public static EmbeddedKafkaCluster start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(BROKER_PROPERTIES);
        broker.afterPropertiesSet();
        return new EmbeddedKafkaCluster(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
