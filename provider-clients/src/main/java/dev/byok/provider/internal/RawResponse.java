package dev.byok.provider.internal;

import java.net.http.HttpHeaders;

/** What came back over HTTP, before any provider-specific reading. */
public record RawResponse(int status, HttpHeaders headers, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
