package dev.byok.simulator.internal;

import java.time.Duration;

/** What the HTTP shell must do with a request, decided by {@link Planner}. */
sealed interface Plan {

    /**
     * Wait {@code delay}, then write {@code reply}.
     *
     * @param normal the reply counts as a success in the key's stats (a clean 2xx, not a fault)
     */
    record Send(Reply reply, Duration delay, boolean normal) implements Plan {
    }

    /** Close the connection without a response. */
    record Drop() implements Plan {
    }

    /** Write the status, the headers and half of {@code reply}'s body, then one more byte per {@code byteInterval}. */
    record StallBody(Reply reply, Duration byteInterval) implements Plan {
    }

    /**
     * Write a 200 event stream: {@code events} (whole SSE events, each ending in a blank line), one
     * every {@code interval}, breaking off as {@code breakAs} says (null: all of them).
     */
    record Stream(java.util.List<String> events, Duration delay, Duration interval,
            dev.byok.simulator.Fault.StreamBreak.Kind breakAs) implements Plan {
    }

    /** Hold the request until released, then drop it. */
    record Hang() implements Plan {
    }
}
