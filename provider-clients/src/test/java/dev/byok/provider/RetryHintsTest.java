package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.provider.internal.ResponseHeaders;
import dev.byok.provider.internal.RetryHints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryHintsTest {

    private final RetryHints hints = new RetryHints(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void millisecondsWinOverSeconds() {
        assertThat(hints.from(headers(Map.of("retry-after-ms", "250", "retry-after", "3")))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void millisecondsAloneAreAHint() {
        assertThat(hints.from(headers(Map.of("retry-after-ms", "750")))).isEqualTo(Duration.ofMillis(750));
        assertThat(hints.millisFrom(headers(Map.of("retry-after-ms", "12.2")))).isEqualTo(Duration.ofMillis(13));
    }

    @Test
    void secondsMayBeFractional() {
        assertThat(hints.from(headers(Map.of("retry-after", "1.5")))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anHttpDateIsMeasuredFromTheClock() {
        assertThat(hints.from(headers(Map.of("retry-after", "Thu, 26 Nov 2026 12:00:30 GMT"))))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void garbageOrNothingIsNoHint() {
        assertThat(hints.from(headers(Map.of("retry-after", "soon")))).isNull();
        assertThat(hints.from(headers(Map.of()))).isNull();
    }

    /**
     * Every form a hint can take, each with one meaning, and never more than a day: what a caller
     * adds to "now" cannot overflow, whatever a server sends.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "retry-after    | 30                              | PT30S",
            "retry-after    | 0                               | PT0S",
            "retry-after    | 2.25                            | PT2.25S",
            "retry-after    | -5                              | none",
            "retry-after    | +5                              | none",
            "retry-after    | 1e9                             | none",
            "retry-after    | NaN                             | none",
            "retry-after    | Infinity                        | none",
            "retry-after    | 99999999999999999999999999999   | PT24H",
            "retry-after    | 86401                           | PT24H",
            "retry-after    | 9223372036854775807             | PT24H",
            "retry-after    | Thu, 26 Nov 2026 12:00:30 GMT   | PT30S",
            "retry-after    | Wed, 25 Nov 2026 12:00:00 GMT   | PT0S",
            "retry-after    | Mon, 01 Jan 1900 00:00:00 GMT   | PT0S",
            "retry-after    | Fri, 26 Nov 2100 12:00:00 GMT   | PT24H",
            "retry-after    | Sun, 99 Foo 2026 12:00:00 GMT   | none",
            "retry-after    | 1.2.3                           | none",
            "retry-after    | .                               | none",
            "retry-after-ms | 1500                            | PT1.5S",
            "retry-after-ms | 0.1                             | PT0.001S",
            "retry-after-ms | -1                              | none",
            "retry-after-ms | 1e400                           | none",
            "retry-after-ms | 86400001                        | PT24H",
            "retry-after-ms | 340282366920938463463374607431768211456 | PT24H"})
    void everyFormHasOneMeaningAndIsBounded(String header, String value, String expected) {
        Duration hint = hints.from(headers(Map.of(header, value)));

        assertThat(hint).isEqualTo(expected == null ? null : Duration.parse(expected));
    }

    @Test
    void aMillisecondHintThatMeansNothingLeavesTheSecondsHint() {
        assertThat(hints.from(headers(Map.of("retry-after-ms", "-1", "retry-after", "4")))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anOverlongValueIsNotReadAtAll() {
        assertThat(hints.from(headers(Map.of("retry-after", "9".repeat(100_000))))).isNull();
        assertThat(hints.from(headers(Map.of("retry-after", "Thu, " + "x".repeat(100_000))))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {"58s | PT58S", "1.500s | PT1.5S", "-3s | none",
            "1e400s | none", "99999999999999999999s | PT24H", "58 | none", "s | none"})
    void googlesRetryInfoDurationIsBoundedToo(String value, String expected) {
        assertThat(RetryHints.protoDuration(value)).isEqualTo(expected == null ? null : Duration.parse(expected));
    }

    private static ResponseHeaders headers(Map<String, String> values) {
        return ResponseHeaders.of(values);
    }
}
