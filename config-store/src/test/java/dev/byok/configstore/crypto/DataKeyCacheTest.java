package dev.byok.configstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The workers' cache of unwrapped data keys: bounded in size (least recently used go first) and in time. */
class DataKeyCacheTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void itNeverHoldsMoreThanItsSizeAndTheLeastRecentlyUsedKeyGoesFirst() {
        DataKeyCache cache = new DataKeyCache(2, Duration.ofMinutes(5), clock);
        cache.put("a", new byte[] {1});
        cache.put("b", new byte[] {2});
        cache.get("a"); // a is now more recently used than b

        cache.put("c", new byte[] {3});

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).as("least recently used: evicted").isNull();
        assertThat(cache.get("a")).containsExactly(1);
        assertThat(cache.get("c")).containsExactly(3);
    }

    @Test
    void aKeyExpiresAfterItsTimeToLiveAndLeavesTheCache() {
        DataKeyCache cache = new DataKeyCache(10, Duration.ofMinutes(5), clock);
        cache.put("a", new byte[] {1});

        now.set(now.get().plus(Duration.ofMinutes(5)).minusMillis(1));
        byte[] beforeExpiry = cache.get("a");
        now.set(now.get().plusMillis(1));
        byte[] atExpiry = cache.get("a");

        assertThat(beforeExpiry).containsExactly(1);
        assertThat(atExpiry).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void callersGetCopiesSoWipingOneDoesNotWipeTheCachedKey() {
        DataKeyCache cache = new DataKeyCache(10, Duration.ofMinutes(5), clock);
        byte[] put = {7, 7};
        cache.put("a", put);
        put[0] = 0;
        byte[] got = cache.get("a");
        got[1] = 0;

        assertThat(cache.get("a")).containsExactly(7, 7);
    }
}
