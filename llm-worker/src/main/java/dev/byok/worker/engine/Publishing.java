package dev.byok.worker.engine;

import dev.byok.configstore.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell of the {@link Outbox}: hands its next batch to the {@link TransactionCommitter}
 * and takes the transaction's result in. Called on the poll thread only.
 */
final class Publishing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publishing.class);

    private final Outbox outbox;
    private final PartitionLedger ledger;
    private final EngineStats stats;
    private final EngineMetrics metrics;
    private final Runnable onCommitEnded;
    private final TransactionCommitter committer;
    private CompletableFuture<Boolean> result;

    /** @param metered binds each producer it is given to the Kafka client metrics, and returns it */
    Publishing(Map<String, Object> producerBase, Outbox outbox, PartitionLedger ledger, EngineStats stats,
            EngineMetrics metrics, Runnable onCommitEnded,
            java.util.function.UnaryOperator<KafkaProducer<byte[], byte[]>> metered) {
        Map<String, Object> producerConfig = KafkaClientSettings.transactionalProducer(producerBase);
        this.outbox = outbox;
        this.ledger = ledger;
        this.stats = stats;
        this.metrics = metrics;
        this.onCommitEnded = onCommitEnded;
        this.committer = new TransactionCommitter(() -> newProducer(producerConfig, metered));
        committer.start();
    }

    /** Hands the next batch over, unless one is being committed: then it waits and grows. */
    void commitNext(ConsumerGroupMetadata group) {
        Outbox.Batch batch = outbox.nextBatch(ledger);
        if (batch == null) {
            return;
        }
        long handedOver = System.nanoTime();
        CompletableFuture<Boolean> pending = committer.commit(batch.records(), batch.offsets(), group);
        result = pending;
        pending.whenComplete((committed, failure) -> {
            metrics.transactions(Boolean.TRUE.equals(committed)).record(Duration.ofNanos(System.nanoTime() - handedOver));
            onCommitEnded.run();
        });
    }

    /** Takes in the result of the transaction in flight, once it has ended (or, if {@code wait}, when it has). */
    void complete(boolean wait) {
        CompletableFuture<Boolean> pending = result;
        if (pending == null || (!wait && !pending.isDone())) {
            return;
        }
        result = null;
        boolean committed;
        try {
            committed = pending.join();
        } catch (RuntimeException e) {
            log.warn("Committing finished reviews failed; retrying: {}", e.toString());
            committed = false;
        }
        if (committed) {
            stats.published.add(outbox.committed(ledger));
        } else {
            // Nothing of it is visible: the same reviews go into the next transaction (if still ours).
            outbox.failed();
        }
    }

    /** Publishes everything finished so far and waits for it (on revocation). */
    void flush(ConsumerGroupMetadata group) {
        complete(true);
        commitNext(group);
        complete(true);
    }

    private static KafkaProducer<byte[], byte[]> newProducer(Map<String, Object> producerConfig,
            java.util.function.UnaryOperator<KafkaProducer<byte[], byte[]>> metered) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "byok-worker-" + UUID.randomUUID());
        KafkaProducer<byte[], byte[]> created = metered.apply(new KafkaProducer<>(config));
        created.initTransactions();
        return created;
    }

    @Override
    public void close() {
        committer.close();
    }
}
