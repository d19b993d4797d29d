package dev.byok.simulator.internal;

/**
 * One request's presence in its key's counters: counted in at arrival, counted out exactly once, just
 * before its response starts to be written. Counting out before writing means a client that waits for
 * a response before sending the next request is never seen as overlapping, so a cap-respecting client
 * never trips the cap by a race.
 */
final class Visit {

    private final KeyState state;
    private final boolean inference;
    private boolean admitted;
    private boolean finished;

    /** @param state the key's state, {@code null} when the request carried no key */
    Visit(KeyState state, boolean inference) {
        this.state = state;
        this.inference = inference;
        if (state != null) {
            state.counters().arrived(inference);
        }
    }

    /** Takes a concurrency slot for this request, or counts a rejection. */
    boolean admit(Integer cap) {
        admitted = state.tryAdmit(cap);
        if (!admitted) {
            state.counters().rejectedForConcurrency();
        }
        return admitted;
    }

    /** @param status the status about to be sent, {@code null} when none will be */
    void finish(Integer status, boolean normal) {
        if (finished) {
            return;
        }
        finished = true;
        if (state == null) {
            return;
        }
        if (admitted) {
            state.releaseSlot();
        }
        state.counters().departed(inference, status, normal);
    }
}
