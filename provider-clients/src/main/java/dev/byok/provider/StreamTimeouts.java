package dev.byok.provider;

import java.time.Duration;

/**
 * The limits of a streamed call, which replace the per-call deadline for slots that stream: bytes
 * must keep coming ({@code idle}: no byte for that long fails the call as a timeout), and the whole
 * stream must end within {@code total}. A review on a slow model may then run for many minutes as
 * long as it shows signs of life, and a connection that dies half-way is noticed within {@code idle}.
 *
 * @param idle {@code byok.stream-idle-timeout}
 * @param total {@code byok.stream-timeout}
 */
public record StreamTimeouts(Duration idle, Duration total) {

    public static final StreamTimeouts DEFAULT = new StreamTimeouts(Duration.ofSeconds(120), Duration.ofMinutes(15));

    public StreamTimeouts {
        if (idle == null || total == null || idle.isNegative() || idle.isZero() || total.compareTo(idle) < 0) {
            throw new IllegalArgumentException("stream timeouts need 0 < idle <= total");
        }
    }
}
