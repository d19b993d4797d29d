package dev.byok.worker.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * When a review that waits for its main slot may run again (epoch milliseconds). A waiting review
 * is a record like any other: it survives restarts and holds no thread and no permit.
 */
public final class NotBeforeHeader {

    public static final String NAME = "byok.not-before";

    private NotBeforeHeader() {
    }

    public static byte[] write(Instant notBefore) {
        return Long.toString(notBefore.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    }

    /** Epoch milliseconds, or 0 when the record may run at once. */
    public static long read(Headers headers) {
        return readEpochMillis(headers, NAME);
    }

    /** The epoch milliseconds in header {@code name}, or 0 when it is missing or unreadable. */
    static long readEpochMillis(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return 0;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
