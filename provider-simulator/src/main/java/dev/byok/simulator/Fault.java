package dev.byok.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One way a provider call can go wrong, as a client sees it on the wire. Each fault is rendered in
 * the wire format of the endpoint that was called (OpenAI, Anthropic or Gemini envelope), so one
 * programmed fault tests every client the same way.
 *
 * <p>Queued and always-faults apply to inference endpoints only (chat completions, responses,
 * messages, generateContent); model lists and key probes fail only as {@link
 * KeyBehaviour#failingMetadataCalls} says.
 */
public sealed interface Fault {

    /**
     * HTTP 429 in the format's rate-limit envelope ({@code rate_limit_exceeded}, {@code
     * rate_limit_error}, {@code RESOURCE_EXHAUSTED}).
     *
     * @param retryAfter when set, sent as {@code Retry-After} in whole seconds rounded up (and, for
     *     Gemini, also as a {@code google.rpc.RetryInfo} detail); {@code null} sends no hint
     * @param retryAfterMsHeader also send {@code retry-after-ms} with the exact milliseconds, as
     *     OpenAI does; ignored without {@code retryAfter}
     */
    record RateLimited(Duration retryAfter, boolean retryAfterMsHeader) implements Fault {
        public RateLimited {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }

    /**
     * An arbitrary error status in the format's envelope: 500, 503, 529 {@code overloaded_error},
     * 402, OpenAI {@code insufficient_quota}, Z.ai business codes such as {@code "1113"}, Gemini
     * {@code FAILED_PRECONDITION}, and so on.
     *
     * @param status HTTP status, 400 to 599
     * @param errorType OpenAI/Anthropic {@code error.type}, or the canonical Gemini {@code status};
     *     {@code null} picks the format's default for the status
     * @param code OpenAI/Z.ai {@code error.code} (a string), or the Gemini {@code ErrorInfo.reason};
     *     ignored by the Anthropic envelope, which has no code
     * @param message {@code error.message}
     */
    record HttpError(int status, String errorType, String code, String message) implements Fault {
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status (400-599): " + status);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Never answers: the request is held until the simulator is {@link ProviderSimulator#reset()
     * reset} or {@link ProviderSimulator#close() closed}, then the connection is dropped. The server
     * cannot see a client give up, so a hung request keeps its concurrency slot until then.
     */
    record Hang() implements Fault {
    }

    /** Waits {@code delay} before sending anything, then answers like a normal success. */
    record SlowFirstByte(Duration delay) implements Fault {
        public SlowFirstByte {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay must be zero or positive");
            }
        }
    }

    /**
     * HTTP 200, at once, with the headers (a Content-Length for the whole answer) and the first half of the
     * body at once, then the rest one byte per {@code byteInterval}: a provider whose body stalls
     * after the headers. A client whose only timeout ends at the headers waits for all of it. The
     * request counts as in flight, and keeps its concurrency slot, until the body is done or the
     * client has closed the connection (noticed at the next byte).
     */
    record StalledBody(Duration byteInterval) implements Fault {
        public StalledBody {
            if (byteInterval == null || byteInterval.isNegative() || byteInterval.isZero()) {
                throw new IllegalArgumentException("byteInterval must be positive");
            }
        }
    }

    /** Closes the connection without sending a status line; the client sees an I/O error or EOF. */
    record ConnectionDrop() implements Fault {
    }

    /** HTTP 200 whose JSON body is cut off half way (consistent Content-Length, unparseable JSON). */
    record Truncated() implements Fault {
    }

    /**
     * HTTP 200, well-formed, but no text and a "length" finish, as when a reasoning model spends the
     * whole output budget thinking: {@code finish_reason:"length"}, Anthropic {@code
     * stop_reason:"max_tokens"} with no content blocks, Gemini {@code MAX_TOKENS} with a content that
     * has no {@code parts} (what Gemini really sends), Responses {@code status:"incomplete"} with
     * {@code incomplete_details.reason:"max_output_tokens"} and no output items. The output and
     * reasoning token counts equal the request's output cap when it sent one.
     */
    record EmptyLength() implements Fault {
    }

    /**
     * A streamed answer (a request with {@code "stream": true} or Gemini's {@code streamGenerateContent})
     * that goes wrong part-way, in the dialect's own events: {@code STALL} sends the first half of the
     * events and then nothing (the connection stays open until the client gives up or the simulator
     * is reset); {@code CUT} sends the first half and half of the next event, then closes;
     * {@code MALFORMED} sends an event whose data is not JSON after the first half. A non-streamed
     * request with this fault gets its normal answer.
     */
    record StreamBreak(Kind kind) implements Fault {

        public enum Kind { STALL, CUT, MALFORMED }
    }

    /**
     * A streamed answer whose events come {@code eventInterval} apart: slow but alive, so a client
     * that waits for bytes (not for the whole answer) keeps reading. Non-streamed requests get the
     * normal answer after the whole stream's time.
     */
    record SlowStream(Duration eventInterval) implements Fault {
    }

    static StreamBreak streamStall() {
        return new StreamBreak(StreamBreak.Kind.STALL);
    }

    static StreamBreak streamCut() {
        return new StreamBreak(StreamBreak.Kind.CUT);
    }

    static StreamBreak streamMalformed() {
        return new StreamBreak(StreamBreak.Kind.MALFORMED);
    }

    static SlowStream slowStream(Duration eventInterval) {
        return new SlowStream(eventInterval);
    }

    /** 429 with no retry hint. */
    static RateLimited rateLimited() {
        return new RateLimited(null, false);
    }

    /** 429 with {@code Retry-After} only. */
    static RateLimited rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter, false);
    }

    /** An error status with the format's default type and no code. */
    static HttpError httpError(int status, String message) {
        return new HttpError(status, null, null, message);
    }

    static Hang hang() {
        return new Hang();
    }

    static SlowFirstByte slowFirstByte(Duration delay) {
        return new SlowFirstByte(delay);
    }

    /** Half the body, then one byte a second: a typical answer takes minutes to finish. */
    static StalledBody stalledBody() {
        return new StalledBody(Duration.ofSeconds(1));
    }

    static ConnectionDrop connectionDrop() {
        return new ConnectionDrop();
    }

    static Truncated truncated() {
        return new Truncated();
    }

    static EmptyLength emptyLength() {
        return new EmptyLength();
    }
}
