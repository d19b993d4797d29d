package dev.byok.worker.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Test
    void aFreshLeaseLeavesTheWholeRequestTimeout() {
        assertThat(CallDeadline.of(TIMEOUT, NOW.plusSeconds(330), NOW)).hasValue(TIMEOUT);
    }

    @Test
    void aCallNeverOutlivesItsLeaseAndLeavesTimeToGiveThePermitBack() {
        assertThat(CallDeadline.of(TIMEOUT, NOW.plusSeconds(10), NOW)).hasValue(Duration.ofSeconds(9));
    }

    @Test
    void aLeaseWithNoTimeLeftAllowsNoCall() {
        assertThat(CallDeadline.of(TIMEOUT, NOW.plusMillis(1000), NOW)).isEmpty();
        assertThat(CallDeadline.of(TIMEOUT, NOW.minusSeconds(1), NOW)).isEmpty();
    }

    @Test
    void aSlotWithoutASharedCapHasNoLeaseToRunOut() {
        assertThat(CallDeadline.of(TIMEOUT, Instant.MAX, NOW)).hasValue(TIMEOUT);
    }
}
