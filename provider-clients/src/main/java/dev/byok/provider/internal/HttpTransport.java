package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The only place that talks HTTP to providers. Redirects are never followed (a redirect could lead
 * a customer's key to another host), and certificate validation stays on.
 */
public final class HttpTransport {

    private final HttpClient client;

    public HttpTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public RawResponse post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws TransportFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public RawResponse get(URI uri, Map<String, String> headers, Duration timeout) throws TransportFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Why a connection failed, in words; names the host (never the path, which is not secret but long). */
    static String describe(IOException e, URI uri) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "host " + uri.getHost() + " cannot be resolved";
            }
        }
        if (e instanceof ConnectException) {
            return "connection to " + where + " refused or unreachable";
        }
        return "connection to " + where + " failed: " + e.getClass().getSimpleName();
    }

    private RawResponse send(HttpRequest request) throws TransportFailure {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new TransportFailure(AttemptOutcome.NETWORK, "connecting to " + request.uri().getHost() + " timed out", e);
        } catch (HttpTimeoutException e) {
            throw new TransportFailure(AttemptOutcome.TIMEOUT, "no answer within the request timeout", e);
        } catch (IOException e) {
            throw new TransportFailure(AttemptOutcome.NETWORK, describe(e, request.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportFailure(AttemptOutcome.NETWORK, "interrupted", e);
        }
    }
}
