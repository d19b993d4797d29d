package dev.byok.simulator.internal;

import dev.byok.simulator.CapturedRequest;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The captured requests, in arrival order, bounded so a long demo run cannot leak: at most {@code
 * perKeyLimit} per key, {@code totalLimit} overall and {@code totalBodyChars} of bodies overall
 * (bodies can be megabytes), the oldest going first. Every per-key entry is also in the overall log,
 * and leaving the overall log removes it from its key too, so the overall bounds bound the memory.
 */
final class CaptureStore {

    private final int perKeyLimit;
    private final int totalLimit;
    private final long totalBodyChars;
    private final ArrayDeque<CapturedRequest> all = new ArrayDeque<>();
    private final Map<String, ArrayDeque<CapturedRequest>> byKey = new HashMap<>();
    private long bodyChars;

    CaptureStore(int perKeyLimit, int totalLimit, long totalBodyChars) {
        this.perKeyLimit = perKeyLimit;
        this.totalLimit = totalLimit;
        this.totalBodyChars = totalBodyChars;
    }

    synchronized void add(CapturedRequest request) {
        all.addLast(request);
        bodyChars += request.body().length();
        if (request.apiKey() != null) {
            ArrayDeque<CapturedRequest> mine = byKey.computeIfAbsent(request.apiKey(), k -> new ArrayDeque<>());
            mine.addLast(request);
            if (mine.size() > perKeyLimit) {
                mine.pollFirst();
            }
        }
        while (all.size() > totalLimit || (bodyChars > totalBodyChars && all.size() > 1)) {
            evictOldest();
        }
    }

    synchronized List<CapturedRequest> all() {
        return List.copyOf(all);
    }

    synchronized List<CapturedRequest> forKey(String apiKey) {
        ArrayDeque<CapturedRequest> mine = byKey.get(apiKey);
        return mine == null ? List.of() : List.copyOf(mine);
    }

    synchronized void clear() {
        all.clear();
        byKey.clear();
        bodyChars = 0;
    }

    private void evictOldest() {
        CapturedRequest oldest = all.pollFirst();
        bodyChars -= oldest.body().length();
        if (oldest.apiKey() == null) {
            return;
        }
        ArrayDeque<CapturedRequest> mine = byKey.get(oldest.apiKey());
        // The key's oldest capture is this one unless the per-key bound already dropped it.
        if (mine != null && mine.peekFirst() == oldest) {
            mine.pollFirst();
            if (mine.isEmpty()) {
                byKey.remove(oldest.apiKey());
            }
        }
    }
}
