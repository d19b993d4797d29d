package dev.byok.provider.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a provider's retry hint: {@code retry-after-ms} first (OpenAI, Anthropic SDKs), then
 * {@code retry-after} as seconds or as an HTTP date. Google's body-borne RetryInfo is read by
 * {@link #protoDuration}.
 */
public final class RetryHints {

    private final Clock clock;

    public RetryHints(Clock clock) {
        this.clock = clock;
    }

    public Duration from(HttpHeaders headers) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            Duration parsed = parseMillis(millis.get());
            if (parsed != null) {
                return parsed;
            }
        }
        return headers.firstValue("retry-after").map(this::parseRetryAfter).orElse(null);
    }

    /** Only {@code retry-after-ms}, the most precise hint. */
    public Duration millisFrom(HttpHeaders headers) {
        return headers.firstValue("retry-after-ms").map(RetryHints::parseMillis).orElse(null);
    }

    /** A protobuf JSON duration as Google sends it in RetryInfo ({@code "58s"}, {@code "1.500s"}); null if not one. */
    public static Duration protoDuration(String value) {
        if (value == null || !value.trim().endsWith("s")) {
            return null;
        }
        String seconds = value.trim();
        try {
            double parsed = Double.parseDouble(seconds.substring(0, seconds.length() - 1));
            return parsed >= 0 ? Duration.ofMillis((long) Math.ceil(parsed * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration parseMillis(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            return ms >= 0 ? Duration.ofMillis((long) Math.ceil(ms)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Duration parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            return seconds >= 0 ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
