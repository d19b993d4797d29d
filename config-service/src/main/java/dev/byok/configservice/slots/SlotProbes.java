package dev.byok.configservice.slots;

import dev.byok.model.ProbeResult;
import dev.byok.model.SlotSettings;
import dev.byok.provider.ProviderProbe;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * Probes a slot with the provider's cheap metadata call, at most {@code perMinute} times a minute
 * per org: a probe is an outbound call from our servers that anyone with a token can trigger.
 */
public final class SlotProbes {

    private final ProviderProbe probe;
    private final Duration timeout;
    private final RateLimiterRegistry limiters;

    private final MeterRegistry meters;

    public SlotProbes(ProviderProbe probe, Duration timeout, int perMinute, MeterRegistry meters) {
        this.probe = probe;
        this.meters = meters;
        this.timeout = timeout;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** @throws ProbeRateLimitedException when the org used up its probes for this minute */
    public ProbeResult probe(String orgId, SlotSettings settings, String apiKey) {
        RateLimiter limiter = limiters.rateLimiter(orgId);
        if (!limiter.acquirePermission()) {
            throw new ProbeRateLimitedException(Duration.ofMinutes(1));
        }
        ProbeResult result = probe.probe(settings, apiKey, timeout);
        Counter.builder("byok.config.probes").description("probes by what they found").tag("org", orgId)
                .tag("category", result.category().name()).register(meters).increment();
        return result;
    }
}
