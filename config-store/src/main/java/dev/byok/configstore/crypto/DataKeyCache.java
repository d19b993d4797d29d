package dev.byok.configstore.crypto;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unwrapped data keys, kept for a short while so KMS is not called for every review: bounded in
 * size (least recently used go first) and in time. Evicted keys are overwritten with zeros.
 */
public final class DataKeyCache {

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public DataKeyCache(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A copy of the cached data key, or null. */
    public synchronized byte[] get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAt()) {
            Arrays.fill(entries.remove(key).dataKey(), (byte) 0);
            return null;
        }
        return entry.dataKey().clone();
    }

    public synchronized void put(String key, byte[] dataKey) {
        entries.put(key, new Entry(dataKey.clone(), clock.millis() + ttl.toMillis()));
        while (entries.size() > maxEntries) {
            Map.Entry<String, Entry> eldest = entries.entrySet().iterator().next();
            Arrays.fill(eldest.getValue().dataKey(), (byte) 0);
            entries.remove(eldest.getKey());
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    private record Entry(byte[] dataKey, long expiresAt) {
    }
}
