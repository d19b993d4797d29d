package dev.byok.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.provider.internal.RetryHints;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))), (a, b) -> true);
    }
}
