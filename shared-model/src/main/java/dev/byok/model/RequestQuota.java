package dev.byok.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A slot's limit on requests per window, beside its concurrency cap, as coding plans count prompts
 * (for example 600 per 5 hours): in no window of that length, ending at any moment, do the workers
 * together start more calls of the slot than {@code requests}. A call that would exceed it waits until
 * the window has room ({@code wait}) or, on main with a fallback configured, goes to the fallback
 * ({@code fallback}).
 */
public record RequestQuota(int requests, Duration window, OnExceeded onExceeded) {

    public RequestQuota {
        onExceeded = onExceeded == null ? OnExceeded.WAIT : onExceeded;
    }

    public enum OnExceeded {
        @JsonProperty("wait") WAIT,
        @JsonProperty("fallback") FALLBACK
    }
}
