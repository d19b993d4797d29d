package dev.byok.provider.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads a provider's retry hint: {@code retry-after-ms} first (OpenAI, Anthropic SDKs), then
 * {@code retry-after} as seconds or as an HTTP date. Google's body-borne RetryInfo is read by
 * {@link #protoDuration}.
 *
 * <p>A hint is text from a server we do not control, so every form has one defined meaning and the
 * result is always a duration between zero and {@link #LONGEST}, on which a caller can do
 * arithmetic without overflow:
 * <ul>
 *   <li>a number of seconds or milliseconds (fractions allowed) is rounded up to the millisecond;</li>
 *   <li>more than {@link #LONGEST} (a huge number, an HTTP date years ahead) is {@link #LONGEST}:
 *       "not within any time a review can wait", which the worker turns into its own deadline;</li>
 *   <li>an HTTP date in the past is zero: "now";</li>
 *   <li>a negative number, NaN, infinity, an exponent, an over-long or malformed value is no hint
 *       at all ({@code null}): the caller's own back-off applies.</li>
 * </ul>
 */
public final class RetryHints {

    /** The longest wait a hint can ask for; longer hints are cut to it. */
    public static final Duration LONGEST = Duration.ofDays(1);
    /** Longer values are not read at all: no honest hint needs more characters than an HTTP date. */
    private static final int MAX_LENGTH = 64;
    private static final BigDecimal LONGEST_MILLIS = BigDecimal.valueOf(LONGEST.toMillis());

    private final Clock clock;

    public RetryHints(Clock clock) {
        this.clock = clock;
    }

    public Duration from(ResponseHeaders headers) {
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
    public Duration millisFrom(ResponseHeaders headers) {
        return headers.firstValue("retry-after-ms").map(RetryHints::parseMillis).orElse(null);
    }

    /** A protobuf JSON duration as Google sends it in RetryInfo ({@code "58s"}, {@code "1.500s"}); null if not one. */
    public static Duration protoDuration(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (!trimmed.endsWith("s")) {
            return null;
        }
        return ofMillis(decimal(trimmed.substring(0, trimmed.length() - 1)), 1000);
    }

    private static Duration parseMillis(String value) {
        return ofMillis(decimal(value), 1);
    }

    private Duration parseRetryAfter(String value) {
        BigDecimal seconds = decimal(value);
        if (seconds != null) {
            return ofMillis(seconds, 1000);
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_LENGTH || trimmed.isEmpty() || !Character.isLetter(trimmed.charAt(0))) {
            return null;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return until.isNegative() ? Duration.ZERO : min(until);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * A plain non-negative decimal ({@code 12}, {@code 1.5}), else null: no sign, exponent, NaN or
     * infinity, and not longer than {@link #MAX_LENGTH}, so parsing is cheap whatever is sent.
     */
    private static BigDecimal decimal(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            return null;
        }
        int dots = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (dots > 1 || trimmed.equals(".")) {
            return null;
        }
        return new BigDecimal(trimmed);
    }

    private static Duration ofMillis(BigDecimal amount, int millisPerUnit) {
        if (amount == null) {
            return null;
        }
        BigDecimal millis = amount.multiply(BigDecimal.valueOf(millisPerUnit)).setScale(0, RoundingMode.CEILING);
        return millis.compareTo(LONGEST_MILLIS) >= 0 ? LONGEST : Duration.ofMillis(millis.longValueExact());
    }

    private static Duration min(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
