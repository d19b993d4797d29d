package dev.byok.simulator.internal;

import com.sun.net.httpserver.HttpServer;
import dev.byok.simulator.CapturedRequest;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.KeyStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The running simulator behind {@link dev.byok.simulator.ProviderSimulator}: a JDK HTTP server on
 * 127.0.0.1 with one virtual thread per request, so hundreds of slow or hung requests cost nothing.
 */
public final class SimulatorServer {

    static final int CAPTURES_PER_KEY = 10_000;
    static final int CAPTURES_TOTAL = 50_000;
    static final long CAPTURED_BODY_CHARS = 256L * 1024 * 1024;
    private static final int BACKLOG = 1024;

    private final KeyRegistry keys = new KeyRegistry();
    private final CaptureStore captures = new CaptureStore(CAPTURES_PER_KEY, CAPTURES_TOTAL, CAPTURED_BODY_CHARS);
    private final Waits waits = new Waits();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private boolean closed;

    private SimulatorServer(int port, Clock clock) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        server.createContext("/", new SimulatorHandler(keys, captures, waits, clock));
        server.setExecutor(executor);
        server.start();
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0} for any free port) and starts serving. */
    public static SimulatorServer start(int port, Clock clock) {
        try {
            return new SimulatorServer(port, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the provider simulator on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void program(String apiKey, KeyBehaviour behaviour) {
        keys.program(apiKey, behaviour);
    }

    public KeyStats stats(String apiKey) {
        return keys.stats(apiKey);
    }

    public List<CapturedRequest> captured(String apiKey) {
        return captures.forKey(apiKey);
    }

    public List<CapturedRequest> captured() {
        return captures.all();
    }

    public void reset() {
        waits.releaseHangs();
        keys.clear();
        captures.clear();
    }

    /** Releases every waiting request, closes all connections and stops the server. Idempotent. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        waits.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
