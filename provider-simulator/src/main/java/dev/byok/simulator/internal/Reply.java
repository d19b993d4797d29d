package dev.byok.simulator.internal;

import java.util.Map;

/**
 * An HTTP answer to write: always JSON.
 *
 * @param status HTTP status
 * @param headers extra headers besides {@code Content-Type}
 * @param body the JSON body (may be deliberately broken, see {@code Fault.Truncated})
 */
record Reply(int status, Map<String, String> headers, String body) {

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply of(int status, String body) {
        return new Reply(status, Map.of(), body);
    }
}
