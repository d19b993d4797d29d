package dev.byok.worker.engine;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A polled record waiting for a permit, with the assignment epoch of its partition when it was
 * polled and the time (epoch ms, 0 for at once) before which it must not run.
 */
record QueuedReview(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, long epoch, long readyAtMillis) {

    long bytes() {
        return record.value() == null ? 0 : record.value().length;
    }

    boolean isReady(long nowMillis) {
        return readyAtMillis <= nowMillis;
    }
}
