package dev.byok.provider.internal.auth;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import dev.byok.provider.internal.HttpTransport;
import dev.byok.provider.internal.RawResponse;
import dev.byok.provider.internal.TransportFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP transport Google's auth library uses for the token exchange: every request goes through
 * our {@link HttpTransport}, so the egress guard, the connect timeout and the answer size limit
 * apply to it as to any provider call. Only POST is supported (the token endpoint is all it calls).
 */
final class GuardedGoogleTransport extends com.google.api.client.http.HttpTransport {

    static {
        // google-http-client logs requests (headers, and at ALL the body with the signed assertion) at CONFIG.
        Logger.getLogger(com.google.api.client.http.HttpTransport.class.getName()).setLevel(Level.OFF);
    }

    private final HttpTransport transport;
    private final Duration timeout;

    GuardedGoogleTransport(HttpTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
        if (!"POST".equals(method)) {
            throw new IOException("only the token exchange (POST) is sent for Google credentials");
        }
        return new Request(URI.create(url));
    }

    private final class Request extends LowLevelHttpRequest {

        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();

        Request(URI uri) {
            this.uri = uri;
        }

        @Override
        public void addHeader(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (getStreamingContent() != null) {
                getStreamingContent().writeTo(body);
            }
            if (getContentType() != null) {
                headers.put("content-type", getContentType());
            }
            try {
                return new Response(transport.post(uri, headers, body.toByteArray(), timeout));
            } catch (TransportFailure e) {
                throw new IOException("the token endpoint could not be reached: " + e.getMessage());
            }
        }
    }

    private static final class Response extends LowLevelHttpResponse {

        private final RawResponse response;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        Response(RawResponse response) {
            this.response = response;
            headers.add(Map.entry("content-type", "application/json"));
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(response.body() == null ? new byte[0]
                    : response.body().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 " + response.status();
        }

        @Override
        public int getStatusCode() {
            return response.status();
        }

        @Override
        public String getReasonPhrase() {
            return null;
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index).getKey();
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index).getValue();
        }
    }
}
