package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import dev.byok.model.Slot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-slot gauges an operator reads a breaker and a cooldown from. */
class SlotGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theBreakerStateOfEachOrgsMainSlotIsAGauge() {
        MainBreakers breakers = new MainBreakers(4, 2, 50f, Duration.ofSeconds(30), Clock.systemUTC());
        breakers.bindTo(registry);

        breakers.unconditionalCall("acme").ended(AttemptOutcome.SUCCESS, 10);
        assertThat(state("acme")).isZero();
        breakers.unconditionalCall("acme").ended(AttemptOutcome.SERVER_ERROR, 10);
        breakers.unconditionalCall("acme").ended(AttemptOutcome.SERVER_ERROR, 10);

        assertThat(state("acme")).as("open").isEqualTo(2);
    }

    @Test
    void aCooldownShowsHowLongItStillLasts() {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        WorkerMetrics metrics = new WorkerMetrics(registry, Clock.fixed(now, ZoneOffset.UTC));

        metrics.cooldown("acme", Slot.MAIN, now.plusSeconds(42));

        assertThat(registry.get("byok.worker.cooldown.remaining").tag("org", "acme").tag("slot", "main").gauge().value())
                .isEqualTo(42.0);
        assertThat(registry.get("byok.worker.cooldowns").tag("org", "acme").counter().count()).isEqualTo(1);
    }

    private double state(String org) {
        return registry.get("byok.worker.breaker.state").tag("org", org).tag("slot", "main").gauge().value();
    }
}
