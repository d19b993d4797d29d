package dev.byok.worker;

import dev.byok.configstore.tracing.ReviewTracing;
import dev.byok.configstore.tracing.SpanFile;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A review's trace (README "Operations", Observe): Spring Boot's OpenTelemetry tracing, exported over
 * OTLP when {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} is set, or as JSON lines to
 * {@code byok.trace-file} (tests, local debugging). Sampled at {@code management.tracing.sampling.probability}.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    ReviewTracing reviewTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? ReviewTracing.NOOP : new ReviewTracing(t, p);
    }

    @Bean
    @ConditionalOnExpression("!'${byok.trace-file:}'.isBlank()")
    SpanExporter spanFile(Environment environment) {
        return new SpanFile(Path.of(environment.getRequiredProperty("byok.trace-file")),
                environment.getProperty("spring.application.name", "byok"));
    }
}
