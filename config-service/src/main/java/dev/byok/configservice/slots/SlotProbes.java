package dev.byok.configservice.slots;

import dev.byok.model.ProbeResult;
import dev.byok.model.SlotSettings;
import dev.byok.provider.ProviderProbe;
import io.github.resilience4j.ratelimiter.RateLimiter;
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

    public SlotProbes(ProviderProbe probe, Duration timeout, int perMinute) {
        this.probe = probe;
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
        return probe.probe(settings, apiKey, timeout);
    }
}
