package dev.byok.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WakeupPolicyTest {

    private static final Duration LONG = Duration.ofMillis(500);

    @Test
    void whileRebalancesSucceedEveryEventWakesTheConsumerAndThePollWaitsAsLongAsItLikes() {
        WakeupPolicy policy = new WakeupPolicy();
        assertThat(policy.observe(0, 1_000)).isFalse();
        assertThat(policy.mayWake(1_000)).isTrue();
        assertThat(policy.pollTimeout(LONG, 1_000)).isEqualTo(LONG);
    }

    @Test
    void afterAFailedRebalanceEventsDoNotWakeTheConsumerForThirtySecondsAndThePollStaysShort() {
        WakeupPolicy policy = new WakeupPolicy();
        policy.observe(2, 0); // failures from before the engine looked count from its first look
        assertThat(policy.mayWake(0)).as("the counter's first value starts a quiet period too").isFalse();
        long later = 60_000;
        assertThat(policy.mayWake(later)).isTrue();

        assertThat(policy.observe(3, later)).as("a quiet period starts").isTrue();
        assertThat(policy.mayWake(later + 29_999)).isFalse();
        assertThat(policy.pollTimeout(LONG, later + 10)).isEqualTo(WakeupPolicy.SHORT_POLL);
        assertThat(policy.pollTimeout(Duration.ofMillis(1), later + 10)).as("a shorter wait stays").isEqualTo(Duration.ofMillis(1));
        assertThat(policy.mayWake(later + 30_000)).isTrue();
        assertThat(policy.pollTimeout(LONG, later + 30_000)).isEqualTo(LONG);
    }

    @Test
    void anotherFailureWhileQuietExtendsTheQuietPeriodWithoutStartingANewOne() {
        WakeupPolicy policy = new WakeupPolicy();
        assertThat(policy.observe(1, 0)).isTrue();
        assertThat(policy.observe(1, 10_000)).as("the same count").isFalse();
        assertThat(policy.observe(2, 20_000)).as("still quiet: no new period to announce").isFalse();
        assertThat(policy.mayWake(45_000)).as("quiet until 30 s after the last failure").isFalse();
        assertThat(policy.mayWake(50_000)).isTrue();
    }
}
