package dev.byok.cli;

import dev.byok.model.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** One record of the dead-letter topic, and where it lives there ({@code partition:offset}). */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    private static final int PREVIEW_CHARS = 100;

    String position() {
        return record.partition() + ":" + record.offset();
    }

    String header(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    String originalTopic() {
        return header(DeadLetterHeaders.ORIGINAL_TOPIC);
    }

    /** The record's own headers, without the dead-letter ones: what goes back on a replay. */
    RecordHeaders originalHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("byok.dlt.")) {
                headers.add(header);
            }
        }
        return headers;
    }

    String line() {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        return position() + "  " + Instant.ofEpochMilli(record.timestamp()) + "  from " + originalTopic() + " "
                + header(DeadLetterHeaders.ORIGINAL_PARTITION) + ":" + header(DeadLetterHeaders.ORIGINAL_OFFSET)
                + "  key " + (record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8))
                + "\n    reason: " + header(DeadLetterHeaders.REASON)
                + "\n    value:  " + (value.length() > PREVIEW_CHARS ? value.substring(0, PREVIEW_CHARS) + "…" : value);
    }
}
