package dev.byok.configstore.tracing;

import dev.byok.model.Json;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finished spans as JSON lines in a file ({@code byok.trace-file}): what the tracing system test
 * reads from every service, and a way to look at traces locally without a collector. One line per
 * span: traceId, spanId, parentSpanId, name, service and attributes. Production exports over OTLP.
 */
public final class SpanFile implements SpanExporter {

    private final Path file;
    private final String service;

    public SpanFile(Path file, String service) {
        this.file = file;
        this.service = service;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder lines = new StringBuilder();
        for (SpanData span : spans) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("traceId", span.getTraceId());
            line.put("spanId", span.getSpanId());
            line.put("parentSpanId", span.getParentSpanId());
            line.put("name", span.getName());
            line.put("service", service);
            Map<String, String> attributes = new LinkedHashMap<>();
            span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
            line.put("attributes", attributes);
            lines.append(Json.lenient().writeValueAsString(line)).append('\n');
        }
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spans to " + file, e);
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
