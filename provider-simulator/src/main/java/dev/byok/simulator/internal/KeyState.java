package dev.byok.simulator.internal;

import dev.byok.simulator.KeyBehaviour;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the simulator keeps for one API key: its programming (absent for a key nobody
 * programmed, which is answered as invalid), its counters and its concurrency slots.
 */
final class KeyState {

    /** A behaviour and the fault queue it started; swapped as one so a request never mixes two programmings. */
    record Programming(KeyBehaviour behaviour, FaultSchedule faults) {
    }

    private volatile Programming programming;
    private final KeyCounters counters = new KeyCounters();
    private final AtomicInteger admitted = new AtomicInteger();

    void program(KeyBehaviour behaviour) {
        programming = new Programming(behaviour, new FaultSchedule(behaviour.queuedFaults(), behaviour.alwaysFault()));
    }

    /** The current programming, {@code null} for an unknown key. */
    Programming programming() {
        return programming;
    }

    KeyCounters counters() {
        return counters;
    }

    /** Takes a concurrency slot unless {@code cap} are taken; {@code null} cap always admits. */
    boolean tryAdmit(Integer cap) {
        while (true) {
            int now = admitted.get();
            if (cap != null && now >= cap) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void releaseSlot() {
        admitted.decrementAndGet();
    }
}
