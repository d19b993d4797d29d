package dev.byok.simulator.internal;

import dev.byok.simulator.Fault;
import java.util.LinkedHashMap;
import java.util.Map;

/** The retry-hint headers of a {@link Fault.RateLimited}: {@code Retry-After} in whole seconds rounded up, {@code retry-after-ms} exact. */
final class RetryHeaders {

    private RetryHeaders() {
    }

    static Map<String, String> of(Fault.RateLimited fault) {
        if (fault.retryAfter() == null) {
            return Map.of();
        }
        long millis = fault.retryAfter().toMillis();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString((millis + 999) / 1000));
        if (fault.retryAfterMsHeader()) {
            headers.put("retry-after-ms", Long.toString(millis));
        }
        return headers;
    }
}
