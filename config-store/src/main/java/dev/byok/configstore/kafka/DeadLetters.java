package dev.byok.configstore.kafka;

import dev.byok.model.DeadLetterHeaders;
import dev.byok.model.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the dead-letter copy of a record that cannot be processed: same key and value, plus why and whence. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, String reason) {
        RecordHeaders headers = new RecordHeaders(source.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(source.topic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(source.offset())));
        return new ProducerRecord<>(Topics.REVIEWS_DEAD_LETTER, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
