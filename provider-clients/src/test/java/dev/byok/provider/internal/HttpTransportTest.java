package dev.byok.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.EgressGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's two promises against a loopback server that misbehaves at the socket level: a
 * call never outlives its deadline, whatever part of the answer stalls (and the connection is
 * closed, not left hanging), and an answer is never read past the size limit.
 */
class HttpTransportTest {

    private static final long LIMIT = 64 * 1024;
    private static final EgressGuard LOOPBACK = EgressGuard.fromAllowList("127.0.0.0/8");

    private RawServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void headersThenAStalledBodyTimeOutAtTheDeadlineAndTheConnectionIsClosed() {
        server = RawServer.start(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":");
        });
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));
        Duration deadline = Duration.ofMillis(1500);

        long started = System.nanoTime();
        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
                () -> transport.post(server.uri(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8), deadline));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("no complete answer within 1.5 s");
        assertThat(took).as("the call ends at its deadline, not when the server gives up")
                .isBetween(deadline, deadline.plusSeconds(3));
        await().atMost(Duration.ofSeconds(5)).untilTrue(server.clientClosed);
    }

    @Test
    void noHeadersAtAllAlsoTimeOutAtTheDeadline() {
        server = RawServer.start(out -> { });
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
                () -> transport.get(server.uri(), Map.of(), Duration.ofMillis(800)));

        assertThat(failure.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
    }

    @Test
    void aBodyThatArrivesInPiecesWithinTheDeadlineIsRead() throws Exception {
        server = RawServer.start(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\":");
            stall(Duration.ofMillis(300));
            write(out, "\"bc\"}");
        });
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        RawResponse response = transport.get(server.uri(), Map.of(), Duration.ofSeconds(10));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"a\":\"bc\"}");
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsNotReadAndFailsAsAServerError() {
        server = RawServer.start(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");
            write(out, "x".repeat(1024));
        });
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
                () -> transport.get(server.uri(), Map.of(), Duration.ofSeconds(10)));

        assertThat(failure.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the answer is larger than 64 KiB; it was not read");
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAtTheLimitAndTheConnectionIsClosed() {
        AtomicBoolean stillWriting = new AtomicBoolean(true);
        server = RawServer.start(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(4096);
            try {
                while (true) {
                    write(out, Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
                }
            } catch (UncheckedIOException clientWentAway) {
                stillWriting.set(false);
            }
        });
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
                () -> transport.get(server.uri(), Map.of(), Duration.ofSeconds(20)));

        assertThat(failure.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("larger than 64 KiB");
        await().atMost(Duration.ofSeconds(5)).untilFalse(stillWriting);
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws Exception {
        String body = "\"" + "y".repeat((int) LIMIT - 2) + "\"";
        server = RawServer.start(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT, new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        RawResponse response = transport.get(server.uri(), Map.of(), Duration.ofSeconds(10));

        assertThat(response.body()).hasSize((int) LIMIT);
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedWithoutQuotingItAndNothingIsSent() {
        server = RawServer.start(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), LIMIT,
                new AnswerBudget(AnswerBudget.DEFAULT_BYTES));

        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> transport.get(server.uri(), Map.of("authorization", "Bearer sk-abc\r\nX-Injected: 1"),
                        Duration.ofSeconds(5)));

        assertThat(refused.getMessage()).contains("authorization").doesNotContain("sk-abc", "Injected");
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void anAnswerThatNeedsMoreOfTheSharedBudgetThanIsLeftFailsAsAServerErrorAndIsNotReadOn() {
        int bodyBytes = AnswerBudget.FREE_BYTES_PER_ANSWER + 200 * 1024;
        server = RawServer.start(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + bodyBytes + "\r\n\r\n"
                + "z".repeat(bodyBytes)));
        HttpTransport transport = new HttpTransport(LOOPBACK, Duration.ofSeconds(1), 8L * 1024 * 1024,
                new AnswerBudget(100 * 1024));

        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
                () -> transport.get(server.uri(), Map.of(), Duration.ofSeconds(10)));

        assertThat(failure.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("byok.max-response-bytes-in-flight");
        await().atMost(Duration.ofSeconds(5)).untilTrue(server.clientClosed);
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stall(Duration duration) {
        CountDownLatch never = new CountDownLatch(1);
        try {
            never.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Accepts one connection at a time, reads the request head, lets the test write whatever it
     * likes, then keeps the connection open until the client closes it ({@link #clientClosed}).
     */
    private static final class RawServer implements AutoCloseable {

        final AtomicBoolean clientClosed = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final ServerSocket socket;

        private RawServer(ServerSocket socket) {
            this.socket = socket;
        }

        static RawServer start(Consumer<OutputStream> answer) {
            try {
                RawServer server = new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread.ofVirtual().start(() -> server.serve(answer));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/anything");
        }

        private void serve(Consumer<OutputStream> answer) {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = connection.getInputStream();
                    readHead(in);
                    answer.accept(connection.getOutputStream());
                    // The request was answered as far as the test wants; wait for the client to hang up.
                    while (in.read() >= 0) {
                        // discard
                    }
                    clientClosed.set(true);
                } catch (IOException | UncheckedIOException e) {
                    clientClosed.set(true);
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
