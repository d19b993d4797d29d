package dev.byok.provider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers every request with one programmed response, for the statuses
 * and bodies the simulator does not produce (404 on a model list, 429 on a probe, provider quirks).
 */
final class StubServer implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body) {
    }

    record Seen(String method, String path, String host) {
    }

    private final HttpServer server;
    private volatile Answer answer = new Answer(200, Map.of(), "{}");
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private StubServer(HttpServer server) {
        this.server = server;
    }

    static StubServer start() {
        return startOn(InetAddress.getLoopbackAddress(), 0);
    }

    /** On one loopback address (127.0.0.2 is as local as 127.0.0.1 on Linux) and port, 0 for any. */
    static StubServer startOn(InetAddress address, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            StubServer stub = new StubServer(server);
            server.createContext("/", exchange -> {
                stub.seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Host")));
                exchange.getRequestBody().readAllBytes();
                Answer a = stub.answer;
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void answer(int status, String body) {
        answer(status, Map.of(), body);
    }

    void answer(int status, Map<String, String> headers, String body) {
        this.answer = new Answer(status, headers, body);
        seen.clear();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
