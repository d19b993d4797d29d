package dev.byok.configservice.slots;

import dev.byok.model.ProbeResult;

/** A save with {@code ?test=true} whose probe failed: nothing was saved. Answered with 422 and the result. */
public final class ProbeFailedException extends RuntimeException {

    private final ProbeResult result;

    public ProbeFailedException(ProbeResult result) {
        super("probe failed: " + result.category(), null, false, false);
        this.result = result;
    }

    public ProbeResult result() {
        return result;
    }
}
