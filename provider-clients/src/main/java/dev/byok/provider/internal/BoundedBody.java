package dev.byok.provider.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as UTF-8 text, but never more than {@code maxBytes} of it: a hostile or
 * broken endpoint that sends (or announces) more gets the exchange cancelled, which closes the
 * connection, instead of filling the worker's memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final long maxBytes;
    private final long declaredBytes;
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long maxBytes, long declaredBytes) {
        this.maxBytes = maxBytes;
        this.declaredBytes = declaredBytes;
    }

    static HttpResponse.BodyHandler<String> handler(long maxBytes) {
        return info -> new BoundedBody(maxBytes, info.headers().firstValueAsLong("content-length").orElse(-1));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredBytes > maxBytes) {
            tooLarge();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if ((long) received.size() + buffer.remaining() > maxBytes) {
                tooLarge();
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(received.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    private void tooLarge() {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(maxBytes));
    }

    /** The answer is larger than the transport reads. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("the answer is larger than " + describe(maxBytes) + "; it was not read", null);
        }

        static String describe(long bytes) {
            return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                    : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
        }
    }
}
