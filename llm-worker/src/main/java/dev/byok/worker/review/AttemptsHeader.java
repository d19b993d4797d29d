package dev.byok.worker.review;

import dev.byok.model.Attempt;
import dev.byok.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The attempts a review has been through, carried in a header when it moves to the fallback topic,
 * so the value (the request, up to 8 MiB) is passed on byte for byte and the final outcome can
 * list every call.
 */
public final class AttemptsHeader {

    public static final String NAME = "byok.attempts";

    private AttemptsHeader() {
    }

    public static List<Attempt> read(Headers headers) {
        Header header = headers.lastHeader(NAME);
        if (header == null || header.value() == null) {
            return List.of();
        }
        return Arrays.asList(Json.lenient().readValue(new String(header.value(), StandardCharsets.UTF_8), Attempt[].class));
    }

    public static byte[] write(List<Attempt> attempts) {
        return Json.lenient().writeValueAsBytes(attempts);
    }
}
