package dev.byok.worker.review;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Since when a review has been waiting for the key service (KMS) to open its slot's key (epoch
 * milliseconds): such a review has no attempt yet, so this is where its deadline counts from.
 */
final class KeyWaitHeader {

    static final String NAME = "byok.key-wait-since";

    private KeyWaitHeader() {
    }

    static Optional<Instant> read(Headers headers) {
        long millis = NotBeforeHeader.readEpochMillis(headers, NAME);
        return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
