package dev.byok.provider.internal;

/** What came back over HTTP, before any provider-specific reading. */
public record RawResponse(int status, ResponseHeaders headers, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
