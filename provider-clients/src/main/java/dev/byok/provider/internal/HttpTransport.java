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
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only place that talks HTTP to providers. Redirects are never followed (a redirect could lead
 * a customer's key to another host), and certificate validation stays on.
 *
 * <p>Every call has one hard deadline that covers connecting, the response headers and the whole
 * body. The JDK's own request timeout stops counting once the headers are in, so a provider that
 * sends headers and then stalls the body would otherwise keep a call (and the permit it holds)
 * running for as long as it likes; at the deadline the exchange is cancelled, which closes its
 * connection. Bodies are read up to a size limit, so a hostile endpoint cannot exhaust memory.
 */
public final class HttpTransport {

    /** The most bytes of an answer read by default: a review is kilobytes, a long model list a few hundred. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    private final HttpClient client;
    private final long maxResponseBytes;

    public HttpTransport(Duration connectTimeout) {
        this(connectTimeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes answers longer than this fail as {@code SERVER_ERROR} without being read */
    public HttpTransport(Duration connectTimeout, long maxResponseBytes) {
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** @param deadline the longest the whole call may take: connect, headers and body */
    public RawResponse post(URI uri, Map<String, String> headers, byte[] body, Duration deadline)
            throws TransportFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build(), deadline);
    }

    /** @param deadline the longest the whole call may take: connect, headers and body */
    public RawResponse get(URI uri, Map<String, String> headers, Duration deadline) throws TransportFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline).GET();
        headers.forEach(request::header);
        return send(request.build(), deadline);
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

    private RawResponse send(HttpRequest request, Duration deadline) throws TransportFailure {
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, BoundedBody.handler(maxResponseBytes));
        try {
            HttpResponse<String> response = call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            // cancel(true) aborts the exchange and closes its connection (JDK 16 and later)
            call.cancel(true);
            throw timedOut(deadline, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportFailure(AttemptOutcome.NETWORK, "interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), request.uri(), deadline);
        }
    }

    private static TransportFailure failure(Throwable cause, URI uri, Duration deadline) {
        return switch (cause) {
            case HttpConnectTimeoutException e ->
                    new TransportFailure(AttemptOutcome.NETWORK, "connecting to " + uri.getHost() + " timed out", e);
            case HttpTimeoutException e -> timedOut(deadline, e);
            case BoundedBody.TooLarge e -> new TransportFailure(AttemptOutcome.SERVER_ERROR, e.getMessage(), e);
            case IOException e -> {
                // The body subscriber's own failure arrives wrapped in the JDK's IOException.
                BoundedBody.TooLarge tooLarge = find(e, BoundedBody.TooLarge.class);
                yield tooLarge != null ? new TransportFailure(AttemptOutcome.SERVER_ERROR, tooLarge.getMessage(), e)
                        : new TransportFailure(AttemptOutcome.NETWORK, describe(e, uri), e);
            }
            case null, default -> new TransportFailure(AttemptOutcome.NETWORK, "connection to " + uri.getHost()
                    + " failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName()), cause);
        };
    }

    private static TransportFailure timedOut(Duration deadline, Throwable cause) {
        return new TransportFailure(AttemptOutcome.TIMEOUT, String.format(Locale.ROOT,
                "no complete answer within %.1f s", deadline.toMillis() / 1000.0), cause);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
