package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.simulator.CapturedRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureStoreTest {

    @Test
    void keepsTheLastNPerKey() {
        CaptureStore store = new CaptureStore(2, 100, 1_000);
        for (int i = 0; i < 5; i++) {
            store.add(capture("k", "b" + i));
        }

        assertThat(store.forKey("k")).extracting(CapturedRequest::body).containsExactly("b3", "b4");
        assertThat(store.all()).hasSize(5);
    }

    @Test
    void overallBoundsAlsoEvictFromTheKeys() {
        CaptureStore store = new CaptureStore(10, 3, 1_000);
        store.add(capture("a", "1"));
        store.add(capture("b", "2"));
        store.add(capture("a", "3"));
        store.add(capture(null, "4"));

        assertThat(store.all()).extracting(CapturedRequest::body).containsExactly("2", "3", "4");
        assertThat(store.forKey("a")).extracting(CapturedRequest::body).containsExactly("3");
    }

    @Test
    void bodyBudgetEvictsOldestButKeepsTheNewest() {
        CaptureStore store = new CaptureStore(10, 100, 10);
        store.add(capture("a", "123456"));
        store.add(capture("a", "789012"));

        assertThat(store.forKey("a")).extracting(CapturedRequest::body).containsExactly("789012");

        store.add(capture("a", "x".repeat(50)));
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void clearForgetsEverything() {
        CaptureStore store = new CaptureStore(10, 100, 1_000);
        store.add(capture("a", "1"));

        store.clear();

        assertThat(store.all()).isEmpty();
        assertThat(store.forKey("a")).isEmpty();
    }

    private static CapturedRequest capture(String key, String body) {
        return new CapturedRequest("POST", "/v1/chat/completions", Map.of(), body, Instant.EPOCH, key);
    }
}
