package dev.byok.configstore.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A review's trace across the services: the trace context travels in the Kafka records' headers
 * (W3C {@code traceparent}, from the client's ingress record to the outcome), and each service
 * starts its spans as children of the context the record carries. Micrometer Tracing underneath
 * (the OpenTelemetry bridge in the services); {@link #NOOP} where tracing is off.
 *
 * <p>What a span may carry: ids (org, review, slot), provider, model, outcomes. Never a key or a
 * prompt: the spans are built here and in the services from those fields only.
 */
public final class ReviewTracing {

    public static final ReviewTracing NOOP = new ReviewTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public ReviewTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A span continuing the trace whose context {@code headers} carry (a new trace when they carry none). */
    public Span start(String name, Headers headers) {
        return propagator.extract(headers, ReviewTracing::header).name(name).start();
    }

    /** A span under {@code parent}. */
    public Span child(String name, Span parent) {
        return tracer.nextSpan(parent).name(name).start();
    }

    /** A span under the current one of this thread (a new trace when there is none). */
    public Span childOfCurrent(String name) {
        return tracer.nextSpan().name(name).start();
    }

    /** The current span of this thread, or null. */
    public Span current() {
        return tracer.currentSpan();
    }

    /** Makes {@code span} the current one on this thread until the returned scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Writes {@code span}'s context into {@code headers}, replacing whatever context they carried. */
    public void inject(Span span, Headers headers) {
        TraceContext context = span.context();
        for (String field : propagator.fields()) {
            headers.remove(field);
        }
        propagator.inject(context, headers, (carrier, key, value) -> {
            if (carrier != null && value != null) {
                carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private static String header(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
