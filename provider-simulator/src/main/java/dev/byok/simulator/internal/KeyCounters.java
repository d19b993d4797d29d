package dev.byok.simulator.internal;

import dev.byok.simulator.KeyStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live numbers behind a {@link KeyStats}. Thread-safe; a snapshot is consistent per field. */
final class KeyCounters {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void arrived(boolean inference) {
        requests.incrementAndGet();
        if (inference) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }
    }

    /** @param status the response status, {@code null} when none was sent (dropped or hung) */
    void departed(boolean inference, Integer status, boolean normal) {
        if (inference) {
            inFlight.decrementAndGet();
        }
        if (status != null) {
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
        if (normal) {
            succeeded.incrementAndGet();
        }
    }

    void rejectedForConcurrency() {
        rejections.incrementAndGet();
    }

    KeyStats snapshot() {
        Map<Integer, Long> statuses = new HashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new KeyStats(requests.get(), succeeded.get(), rejections.get(), inFlight.get(), maxInFlight.get(), statuses);
    }
}
