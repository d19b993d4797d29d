package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.AttemptOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The breaker of an org's main slot, on resilience4j itself, with a clock the test moves. */
class MainBreakersTest {

    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final MainBreakers breakers = new MainBreakers(4, 2, 50, OPEN_FOR, clock);

    @Test
    void twoFailuresOpenTheBreakerAndNoCallIsAllowedWhileItIsOpen() {
        open("acme");

        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.tryCall("acme")).isEmpty();
        assertThat(breakers.tryCall("globex")).as("another org's breaker").isPresent();
    }

    @Test
    void afterTheOpenTimeOneProbeGoesThroughAndItsSuccessClosesTheBreaker() {
        open("acme");
        clock.advance(OPEN_FOR.plusSeconds(1));

        MainBreakers.MainCall probe = breakers.tryCall("acme").orElseThrow();
        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breakers.tryCall("acme")).as("only one probe at a time").isEmpty();
        probe.ended(AttemptOutcome.SUCCESS, 10);

        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.tryCall("acme")).isPresent();
    }

    @Test
    void aProbeThatWasNeverMadeIsHandedBackSoTheBreakerDoesNotStayHalfOpen() {
        open("acme");
        clock.advance(OPEN_FOR.plusSeconds(1));
        MainBreakers.MainCall probe = breakers.tryCall("acme").orElseThrow();

        probe.notMade();

        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        MainBreakers.MainCall next = breakers.tryCall("acme").orElseThrow();
        next.ended(AttemptOutcome.SUCCESS, 10);
        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aCallEndsOnceHandingItBackAfterItsResultChangesNothing() {
        open("acme");
        clock.advance(OPEN_FOR.plusSeconds(1));
        MainBreakers.MainCall probe = breakers.tryCall("acme").orElseThrow();

        probe.ended(AttemptOutcome.SERVER_ERROR, 10);
        probe.notMade();

        assertThat(breakers.state("acme")).as("the failed probe opened it again").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.tryCall("acme")).as("no permission was handed back twice").isEmpty();
    }

    @Test
    void aCallMadeWithoutPermissionHandsNothingBackSoAHalfOpenBreakerStillProbesOnce() {
        open("acme");
        clock.advance(OPEN_FOR.plusSeconds(1));
        MainBreakers.MainCall probe = breakers.tryCall("acme").orElseThrow();

        breakers.unconditionalCall("acme").notMade();

        assertThat(breakers.tryCall("acme")).as("still one probe at a time").isEmpty();
        probe.notMade();
        assertThat(breakers.tryCall("acme")).isPresent();
    }

    @Test
    void contentFiltersAndInvalidRequestsAreNotMainFailing() {
        breakers.unconditionalCall("acme").ended(AttemptOutcome.CONTENT_FILTERED, 5);
        breakers.unconditionalCall("acme").ended(AttemptOutcome.INVALID_REQUEST, 5);

        assertThat(breakers.state("acme")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private void open(String org) {
        breakers.unconditionalCall(org).ended(AttemptOutcome.SERVER_ERROR, 5);
        breakers.unconditionalCall(org).ended(AttemptOutcome.TIMEOUT, 5);
    }
}
