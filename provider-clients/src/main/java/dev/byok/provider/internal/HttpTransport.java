package dev.byok.provider.internal;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.EgressGuard;
import dev.byok.provider.internal.stream.SseReader;
import dev.byok.provider.internal.stream.StreamFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The only place that talks HTTP to providers. Redirects are never followed (a redirect could lead
 * a customer's key to another host), a request is never sent twice by the client itself, and
 * certificate validation stays on.
 *
 * <p>Where a call connects is decided by the {@link EgressGuard}: the client's name resolution is
 * the guard's, which resolves the host once, checks every address and hands exactly those
 * addresses to the connection. TLS still names the host (SNI and certificate check) and the
 * {@code Host} header is the URL's. A host the guard refuses or cannot resolve is never contacted.
 *
 * <p>Every call has one hard deadline that covers connecting, the response headers and the whole
 * body; at the deadline the exchange is aborted, which closes its connection, so a provider that
 * sends headers and then stalls the body cannot hold the call (and the permit behind it). Bodies
 * are read up to a size limit per answer and within a budget shared by every answer this process
 * reads at once ({@link AnswerBudget}), so hostile endpoints cannot exhaust memory.
 */
public final class HttpTransport implements AutoCloseable {

    /** The most bytes of an answer read by default: a review is kilobytes, a long model list a few hundred. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    private static final int CHUNK = 16 * 1024;
    /** Connections per provider host: calls of every org to one provider share its pool. */
    private static final int MAX_CONNECTIONS = 2048;

    /** Aborts exchanges at their deadline; the work is a flag and a socket close, so one thread serves all. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("byok-http-deadlines").daemon().factory());

    private final CloseableHttpClient https;
    private final CloseableHttpClient plainHttp;
    private final long maxResponseBytes;
    private final AnswerBudget budget;

    /** @param maxResponseBytes answers longer than this fail as {@code SERVER_ERROR} without being read */
    public HttpTransport(EgressGuard guard, Duration connectTimeout, long maxResponseBytes, AnswerBudget budget) {
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.maxResponseBytes = maxResponseBytes;
        this.budget = budget;
        this.https = client(new GuardedResolver(guard, true), connectTimeout);
        this.plainHttp = client(new GuardedResolver(guard, false), connectTimeout);
    }

    public HttpTransport(EgressGuard guard, Duration connectTimeout) {
        this(guard, connectTimeout, DEFAULT_MAX_RESPONSE_BYTES, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));
    }

    private static CloseableHttpClient client(DnsResolver resolver, Duration connectTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** @param deadline the longest the whole call may take: connect, headers and body */
    public RawResponse post(URI uri, Map<String, String> headers, byte[] body, Duration deadline)
            throws TransportFailure {
        HttpPost request = new HttpPost(uri);
        // Exactly "application/json", as the providers' own SDKs send it (no charset parameter).
        request.setEntity(new ByteArrayEntity(body, null));
        request.setHeader("content-type", "application/json");
        return send(request, headers, deadline);
    }

    /**
     * A streamed POST: a 2xx answer's body is handed to {@code reader} as it arrives, in chunks, and
     * never held whole; an error answer is read like any other. Bytes must keep coming: a read that
     * waits longer than {@code idle} fails the call ({@code TIMEOUT}), and the whole stream must end
     * within {@code total}. A connection that closes before the stream's final event leaves the
     * reader incomplete (the assembler then says {@code TRUNCATED}).
     *
     * @return the status and headers; the body is empty for a streamed (2xx) answer
     */
    public RawResponse postStream(URI uri, Map<String, String> headers, byte[] body, Duration idle, Duration total,
            SseReader reader) throws TransportFailure, StreamFailure {
        HttpPost request = new HttpPost(uri);
        request.setEntity(new ByteArrayEntity(body, null));
        request.setHeader("content-type", "application/json");
        request.setHeader("accept", "text/event-stream");
        headers.forEach((name, value) -> {
            HeaderValues.check(name, value);
            request.setHeader(name, value);
        });
        CloseableHttpClient client = clientFor(uri);
        Timeout wait = Timeout.of(idle);
        request.setConfig(RequestConfig.custom().setConnectionRequestTimeout(wait).setResponseTimeout(wait)
                .setRedirectsEnabled(false).build());
        AtomicBoolean pastDeadline = new AtomicBoolean();
        ScheduledFuture<?> abort = DEADLINES.schedule(() -> {
            pastDeadline.set(true);
            request.cancel();
        }, Math.max(1, total.toMillis()), TimeUnit.MILLISECONDS);
        boolean streaming = false;
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            if (response.getCode() < 200 || response.getCode() >= 300) {
                return new RawResponse(response.getCode(), headersOf(response), read(response.getEntity(), request));
            }
            streaming = true;
            if (response.getEntity() != null) {
                byte[] chunk = new byte[CHUNK];
                try (InputStream in = response.getEntity().getContent()) {
                    int n;
                    while ((n = in.read(chunk)) >= 0) {
                        reader.feed(chunk, n);
                    }
                }
            }
            reader.end();
            return new RawResponse(response.getCode(), headersOf(response), "");
        } catch (StreamFailure e) {
            request.cancel();
            throw e;
        } catch (TransportFailure e) {
            throw pastDeadline.get() ? streamTimedOut(total) : e;
        } catch (IOException | RuntimeException e) {
            if (pastDeadline.get()) {
                throw streamTimedOut(total);
            }
            if (find(e, SocketTimeoutException.class) != null) {
                throw new TransportFailure(AttemptOutcome.TIMEOUT, String.format(Locale.ROOT,
                        "no bytes for %.1f s (byok.stream-idle-timeout)", idle.toMillis() / 1000.0), e);
            }
            if (streaming) {
                // The stream broke off: what arrived has no final event, so it is not an answer.
                throw new TransportFailure(AttemptOutcome.TRUNCATED, "the connection closed mid-stream ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            throw failure(e, uri, total);
        } finally {
            abort.cancel(false);
        }
    }

    private static TransportFailure streamTimedOut(Duration total) {
        return new TransportFailure(AttemptOutcome.TIMEOUT, String.format(Locale.ROOT,
                "the stream did not end within %.1f s (byok.stream-timeout)", total.toMillis() / 1000.0), null);
    }

    /** @param deadline the longest the whole call may take: connect, headers and body */
    public RawResponse get(URI uri, Map<String, String> headers, Duration deadline) throws TransportFailure {
        return send(new HttpGet(uri), headers, deadline);
    }

    /**
     * @throws IllegalArgumentException when a header name or value has characters HTTP does not allow
     *     (a pasted key with a line break): the message never quotes the value
     */
    private RawResponse send(HttpUriRequestBase request, Map<String, String> headers, Duration deadline)
            throws TransportFailure {
        headers.forEach((name, value) -> {
            HeaderValues.check(name, value);
            request.setHeader(name, value);
        });
        URI uri;
        try {
            uri = request.getUri();
        } catch (java.net.URISyntaxException e) {
            throw new TransportFailure(AttemptOutcome.INVALID_REQUEST, "the request URL is not valid", e);
        }
        CloseableHttpClient client = clientFor(uri);
        Timeout whole = Timeout.of(deadline.isNegative() || deadline.isZero() ? Duration.ofMillis(1) : deadline);
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(whole)
                .setResponseTimeout(whole)
                .setRedirectsEnabled(false)
                .build());
        AtomicBoolean pastDeadline = new AtomicBoolean();
        ScheduledFuture<?> abort = DEADLINES.schedule(() -> {
            pastDeadline.set(true);
            request.cancel();
        }, whole.toMilliseconds(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            String body = read(response.getEntity(), request);
            return new RawResponse(response.getCode(), headersOf(response), body);
        } catch (TransportFailure e) {
            throw pastDeadline.get() ? timedOut(deadline, e) : e;
        } catch (IOException | RuntimeException e) {
            if (pastDeadline.get()) {
                throw timedOut(deadline, e);
            }
            throw failure(e, uri, deadline);
        } finally {
            abort.cancel(false);
        }
    }

    private CloseableHttpClient clientFor(URI uri) throws TransportFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> https;
            case "http" -> plainHttp;
            default -> throw new TransportFailure(AttemptOutcome.INVALID_REQUEST,
                    "call refused by the egress guard: baseUrl must be an absolute http(s) URL", null);
        };
    }

    private String read(HttpEntity entity, HttpUriRequestBase request) throws IOException, TransportFailure {
        if (entity == null) {
            return "";
        }
        if (entity.getContentLength() > maxResponseBytes) {
            request.cancel();
            throw tooLarge();
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        try (AnswerBudget.Account account = budget.open(); InputStream in = entity.getContent()) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if ((long) received.size() + n > maxResponseBytes) {
                    // Cancelling closes the connection instead of draining an endless body.
                    request.cancel();
                    throw tooLarge();
                }
                if (!account.add(n)) {
                    request.cancel();
                    throw new TransportFailure(AttemptOutcome.SERVER_ERROR, "the answer is larger than this worker can "
                            + "hold while it reads other large answers (byok.max-response-bytes-in-flight); it was "
                            + "not read to the end", null);
                }
                received.write(chunk, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private TransportFailure tooLarge() {
        return new TransportFailure(AttemptOutcome.SERVER_ERROR, "the answer is larger than " + size(maxResponseBytes)
                + "; it was not read", null);
    }

    static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static ResponseHeaders headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            out.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(header.getValue());
        }
        return new ResponseHeaders(out);
    }

    /** Why a connection failed, in words; names the host (never the path, which is not secret but long). */
    static String describe(IOException e, URI uri) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (find(e, UnknownHostException.class) != null) {
            return "host " + uri.getHost() + " cannot be resolved";
        }
        if (find(e, ConnectException.class) != null) {
            return "connection to " + where + " refused or unreachable";
        }
        return "connection to " + where + " failed: " + e.getClass().getSimpleName();
    }

    private static TransportFailure failure(Throwable cause, URI uri, Duration deadline) {
        EgressGuard.EgressRefusedException refused = find(cause, EgressGuard.EgressRefusedException.class);
        if (refused != null) {
            EgressGuard.EgressDecision decision = refused.decision();
            return decision.unresolved()
                    ? new TransportFailure(AttemptOutcome.NETWORK, decision.reason() + "; no call was made", null,
                            decision)
                    : new TransportFailure(AttemptOutcome.INVALID_REQUEST, "call refused by the egress guard: "
                            + decision.reason(), null, decision);
        }
        return switch (cause) {
            case ConnectTimeoutException e ->
                    new TransportFailure(AttemptOutcome.NETWORK, "connecting to " + uri.getHost() + " timed out", e);
            case SocketTimeoutException e -> timedOut(deadline, e);
            case InterruptedIOException e -> {
                Thread.currentThread().interrupt();
                yield new TransportFailure(AttemptOutcome.NETWORK, "interrupted", e);
            }
            case IOException e -> new TransportFailure(AttemptOutcome.NETWORK, describe(e, uri), e);
            default -> new TransportFailure(AttemptOutcome.NETWORK, "connection to " + uri.getHost()
                    + " failed: " + cause.getClass().getSimpleName(), cause);
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

    @Override
    public void close() throws IOException {
        https.close();
        plainHttp.close();
    }

    /** The client's name resolution: the guard's, so the client connects to the addresses it checked. */
    private record GuardedResolver(EgressGuard guard, boolean https) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.addressesToConnect(host, https);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // Only used for SPNEGO, which is off: never a second lookup.
            return host;
        }
    }
}
