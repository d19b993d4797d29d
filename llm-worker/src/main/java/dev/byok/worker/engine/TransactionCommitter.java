package dev.byok.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records and commits consumer offsets in one Kafka transaction, on a thread of its own.
 *
 * <p>A transaction takes milliseconds, and tens of them when the broker is busy. Were the poll
 * thread to wait for it, every permit granted meanwhile would wait too (the review it unlocks only
 * starts on the poll thread), and so would every record polled. Here the poll thread hands a batch
 * over and goes on; the next batch is handed over once this one has ended, so offsets are always
 * computed from committed state. The producer is used by this thread alone.
 */
final class TransactionCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionCommitter.class);

    private final Supplier<KafkaProducer<byte[], byte[]>> newProducer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("byok-worker-commit").unstarted(r));
    private KafkaProducer<byte[], byte[]> producer;

    TransactionCommitter(Supplier<KafkaProducer<byte[], byte[]>> newProducer) {
        this.newProducer = newProducer;
    }

    /** Creates the producer and initializes its transactions; waits until that is done. */
    void start() {
        CompletableFuture.runAsync(() -> producer = newProducer.get(), thread).join();
    }

    /**
     * Publishes the records and commits the offsets in one transaction.
     *
     * @return completes with true once committed, false if the transaction was aborted (nothing of
     *     it is visible; the caller may hand the same work over again)
     */
    CompletableFuture<Boolean> commit(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        return CompletableFuture.supplyAsync(() -> commitNow(records, offsets, group), thread);
    }

    private boolean commitNow(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        if (producer == null) {
            try {
                producer = newProducer.get();
            } catch (RuntimeException e) {
                log.warn("The worker cannot start a transactional producer; {} records wait: {}", records.size(),
                        e.toString());
                return false;
            }
        }
        try {
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.sendOffsetsToTransaction(offsets, group);
            producer.commitTransaction();
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException fatal) {
            log.warn("The worker's producer can no longer commit ({}); starting a new one", fatal.toString());
            discardProducer();
        } catch (KafkaException e) {
            log.warn("Committing {} records failed; they will be committed again: {}", records.size(), e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                discardProducer();
            }
        } catch (RuntimeException e) {
            log.warn("Committing {} records failed; starting a new producer: {}", records.size(), e.toString());
            discardProducer();
        }
        return false;
    }

    /** The next commit starts a new producer (a new transactional id, so nothing waits on the old one's epoch). */
    private void discardProducer() {
        producer.close(Duration.ZERO);
        producer = null;
    }

    @Override
    public void close() {
        CompletableFuture.runAsync(() -> {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }, thread).join();
        thread.shutdown();
    }
}
