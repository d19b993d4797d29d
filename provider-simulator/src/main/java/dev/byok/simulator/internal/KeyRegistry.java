package dev.byok.simulator.internal;

import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The keys the simulator has seen or been told about. Unknown keys get a state too, so their 401s show in stats. */
final class KeyRegistry {

    private final ConcurrentMap<String, KeyState> keys = new ConcurrentHashMap<>();

    void program(String apiKey, KeyBehaviour behaviour) {
        stateFor(apiKey).program(behaviour);
    }

    KeyState stateFor(String apiKey) {
        return keys.computeIfAbsent(apiKey, k -> new KeyState());
    }

    KeyStats stats(String apiKey) {
        KeyState state = keys.get(apiKey);
        return state == null ? KeyStats.EMPTY : state.counters().snapshot();
    }

    void clear() {
        keys.clear();
    }
}
