package dev.byok.simulator.internal;

import dev.byok.simulator.Fault;
import java.util.ArrayDeque;
import java.util.List;

/** Which fault the next admitted request gets: the queue head, else the always-fault, else none. Thread-safe. */
final class FaultSchedule {

    private final ArrayDeque<Fault> queue;
    private final Fault always;

    FaultSchedule(List<Fault> queued, Fault always) {
        this.queue = new ArrayDeque<>(queued);
        this.always = always;
    }

    /** Consumes and returns the fault for one request, {@code null} for a normal answer. */
    synchronized Fault next() {
        Fault queued = queue.pollFirst();
        return queued != null ? queued : always;
    }
}
