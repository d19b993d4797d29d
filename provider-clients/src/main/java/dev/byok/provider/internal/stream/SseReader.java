package dev.byok.provider.internal.stream;

import dev.byok.model.AttemptOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from bytes as they arrive (any chunking, a line may span chunks) and hands
 * each complete event (its {@code event:} name and joined {@code data:} lines) to an assembler. Memory
 * is bounded: one line and one event at most {@link #MAX_EVENT_BYTES}; the answer itself is bounded by
 * the assembler. {@code \r\n}, {@code \n} and {@code \r} end lines, as the SSE spec says.
 */
public final class SseReader {

    /** No provider event comes near this; a longer one is a broken or hostile stream. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final StreamAssembler assembler;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String event = "";
    private boolean sawData;
    private boolean lastWasCr;

    public SseReader(StreamAssembler assembler) {
        this.assembler = assembler;
    }

    public void feed(byte[] bytes, int length) throws StreamFailure {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                if (line.size() >= MAX_EVENT_BYTES) {
                    throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "a streamed event is longer than "
                            + MAX_EVENT_BYTES / 1024 + " KiB");
                }
                line.write(b);
            }
        }
    }

    /**
     * The stream ended. An event not closed by its blank line was cut off and is dropped, as the SSE
     * spec says; whether what came is a whole answer is the assembler's call ({@code TRUNCATED} if not).
     */
    public void end() {
        line.reset();
        data.setLength(0);
        sawData = false;
    }

    private void endLine() throws StreamFailure {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            if (sawData) {
                dispatch();
            }
            event = "";
            return;
        }
        if (text.startsWith(":")) {
            return; // a comment: keep-alive
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data.length() + value.length() > MAX_EVENT_BYTES) {
                    throw new StreamFailure(AttemptOutcome.SERVER_ERROR, "a streamed event is longer than "
                            + MAX_EVENT_BYTES / 1024 + " KiB");
                }
                if (sawData) {
                    data.append('\n');
                }
                data.append(value);
                sawData = true;
            }
            default -> { }
        }
    }

    private void dispatch() throws StreamFailure {
        String payload = data.toString();
        data.setLength(0);
        sawData = false;
        assembler.onEvent(event, payload);
    }
}
