package dev.byok.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How the simulated provider treats one API key. Immutable; build it from {@link #ok()} with the
 * {@code with…}/{@code failing…} methods, each of which returns a copy.
 *
 * <p>Per inference request the simulator applies, in this order: the concurrency cap (rejected
 * requests consume no fault), then the next queued fault, else the always-fault, else a normal answer
 * after {@code latency}. Programming a key again replaces its behaviour and restarts its fault queue;
 * its stats and captures are kept.
 *
 * @param latency how long each 200 answer (normal, {@link Fault.Truncated}, {@link
 *     Fault.EmptyLength}, and after a {@link Fault.SlowFirstByte} delay) takes; error faults and
 *     concurrency rejections answer at once
 * @param concurrencyCap how many of this key's inference requests may be handled at once; a request
 *     arriving while that many are admitted gets an immediate 429 "Too much concurrency", like the
 *     GLM Coding Plan; {@code null} means unlimited
 * @param models the model ids the model-list endpoints return for this key (not enforced on
 *     inference: any model id is answered)
 * @param content the text of normal answers; {@code null} means "Simulated review by &lt;model&gt;:
 *     looks good."
 * @param queuedFaults faults for the next requests, consumed one per admitted inference request in
 *     order
 * @param alwaysFault applied to every admitted inference request once the queue is empty; {@code
 *     null} for none
 * @param metadataFault how this key's metadata calls (the model list, OpenRouter's {@code /key})
 *     answer instead of their normal answer: a {@link Fault.RateLimited} (a throttled but valid key),
 *     a {@link Fault.HttpError} (e.g. a 404 from a base URL with no API behind it) or a {@link
 *     Fault.ConnectionDrop}; {@code null} for the normal answer
 */
public record KeyBehaviour(
        Duration latency,
        Integer concurrencyCap,
        List<String> models,
        String content,
        List<Fault> queuedFaults,
        Fault alwaysFault,
        Fault metadataFault) {

    /** Models a key sees unless told otherwise. */
    public static final List<String> DEFAULT_MODELS = List.of("sim-small", "sim-large");

    public KeyBehaviour {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (concurrencyCap != null && concurrencyCap < 0) {
            throw new IllegalArgumentException("concurrencyCap must be >= 0: " + concurrencyCap);
        }
        models = List.copyOf(models);
        queuedFaults = List.copyOf(queuedFaults);
        if (metadataFault != null && !(metadataFault instanceof Fault.RateLimited
                || metadataFault instanceof Fault.HttpError || metadataFault instanceof Fault.ConnectionDrop)) {
            throw new IllegalArgumentException("a metadata call can only be rate limited, fail with an error status "
                    + "or drop the connection: " + metadataFault);
        }
    }

    /** Answers everything at once, unlimited concurrency, default models and text, no faults. */
    public static KeyBehaviour ok() {
        return new KeyBehaviour(Duration.ZERO, null, DEFAULT_MODELS, null, List.of(), null, null);
    }

    public KeyBehaviour withLatency(Duration latency) {
        return new KeyBehaviour(latency, concurrencyCap, models, content, queuedFaults, alwaysFault, metadataFault);
    }

    public KeyBehaviour withConcurrencyCap(int cap) {
        return new KeyBehaviour(latency, cap, models, content, queuedFaults, alwaysFault, metadataFault);
    }

    public KeyBehaviour withUnlimitedConcurrency() {
        return new KeyBehaviour(latency, null, models, content, queuedFaults, alwaysFault, metadataFault);
    }

    public KeyBehaviour withModels(String... models) {
        return new KeyBehaviour(latency, concurrencyCap, List.of(models), content, queuedFaults, alwaysFault, metadataFault);
    }

    public KeyBehaviour withContent(String content) {
        return new KeyBehaviour(latency, concurrencyCap, models, content, queuedFaults, alwaysFault, metadataFault);
    }

    /** Appends {@code n} copies of {@code fault} to the queue. */
    public KeyBehaviour failingNext(int n, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        List<Fault> queue = new ArrayList<>(queuedFaults);
        queue.addAll(Collections.nCopies(n, fault));
        return new KeyBehaviour(latency, concurrencyCap, models, content, queue, alwaysFault, metadataFault);
    }

    /** Replaces the queue with exactly these faults, in order. */
    public KeyBehaviour withFaultSequence(Fault... faults) {
        return new KeyBehaviour(latency, concurrencyCap, models, content, List.of(faults), alwaysFault, metadataFault);
    }

    /** Applies {@code fault} to every request once the queue is empty; {@code null} clears it. */
    public KeyBehaviour failingAlways(Fault fault) {
        return new KeyBehaviour(latency, concurrencyCap, models, content, queuedFaults, fault, metadataFault);
    }

    /**
     * Answers this key's metadata calls (what a probe reads: the model list, OpenRouter's {@code
     * /key}) with {@code fault} every time; {@code null} restores the normal answer. Inference is not
     * affected.
     */
    public KeyBehaviour failingMetadataCalls(Fault fault) {
        return new KeyBehaviour(latency, concurrencyCap, models, content, queuedFaults, alwaysFault, fault);
    }

    /** The text of a normal answer to a request for {@code model}. */
    public String contentFor(String model) {
        return content != null ? content : "Simulated review by " + model + ": looks good.";
    }
}
