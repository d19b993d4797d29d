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
 * {@code retry-after} as seconds or as an HTTP date.
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
