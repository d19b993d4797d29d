package dev.byok.worker.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.Infrastructure;
import dev.byok.model.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

class RedisSharedSlotStateIT {

    private static RedissonClient redisson;
    private final RedisSharedSlotState state = new RedisSharedSlotState(redisson, "byok-test-" + UUID.randomUUID() + ":",
            Clock.systemUTC(), Duration.ofMinutes(5));

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(Infrastructure.redisUrl());
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redisson.shutdown();
    }

    @Test
    void aCooldownIsSeenByEveryoneUntilItEndsAndAShorterOneDoesNotCutItShort() {
        String org = "cool-" + UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(30);

        state.coolDown(org, Slot.MAIN, later);
        state.coolDown(org, Slot.MAIN, Instant.now().plusSeconds(2));

        assertThat(state.coolingUntil(org, Slot.MAIN)).contains(Instant.ofEpochMilli(later.toEpochMilli()));
        assertThat(state.coolingUntil(org, Slot.FALLBACK)).isEmpty();
    }

    @Test
    void aCooldownExpiresOnItsOwn() {
        String org = "expire-" + UUID.randomUUID();
        state.coolDown(org, Slot.MAIN, Instant.now().plusMillis(300));

        await().atMost(Duration.ofSeconds(3))
                .until(() -> state.coolingUntil(org, Slot.MAIN).isEmpty());
    }

    @Test
    void aReviewIdBelongsToTheFirstRecordThatClaimsItEvenWhenThatRecordIsRedelivered() {
        String org = "dedup-" + UUID.randomUUID();

        assertThat(state.claimReview(org, "r1", "byok.tenant.x.main/0/41")).isTrue();
        assertThat(state.claimReview(org, "r1", "byok.tenant.x.main/0/41")).as("redelivered after a crash").isTrue();
        assertThat(state.claimReview(org, "r1", "byok.tenant.x.main/0/57")).as("a second request").isFalse();
        assertThat(state.claimReview(org, "r2", "byok.tenant.x.main/0/57")).isTrue();
    }

    @Test
    void theSameAttemptStartedTwiceIsARepeat() {
        String org = "calls-" + UUID.randomUUID();

        assertThat(state.firstStart(org, "r1", Slot.MAIN, 0)).isTrue();
        assertThat(state.firstStart(org, "r1", Slot.MAIN, 0)).isFalse();
        assertThat(state.firstStart(org, "r1", Slot.MAIN, 1)).as("a deliberate retry is not a repeat").isTrue();
        assertThat(state.firstStart(org, "r1", Slot.FALLBACK, 0)).isTrue();
    }

    @Test
    void oneRoundTripClaimsTheReviewAndReadsMainsCooldown() {
        String org = "checks-" + UUID.randomUUID();
        Instant later = Instant.now().plusSeconds(30);
        state.coolDown(org, Slot.MAIN, later);

        SharedSlotState.ReviewChecks first = state.check(org, "r1", "byok.tenant.x.main/0/41", Slot.MAIN);
        SharedSlotState.ReviewChecks again = state.check(org, "r1", "byok.tenant.x.main/0/41", Slot.MAIN);
        SharedSlotState.ReviewChecks second = state.check(org, "r1", "byok.tenant.x.main/0/57", Slot.MAIN);
        SharedSlotState.ReviewChecks movedOn = state.check(org, "r1", null, Slot.FALLBACK);

        assertThat(first).isEqualTo(new SharedSlotState.ReviewChecks(false, Instant.ofEpochMilli(later.toEpochMilli())));
        assertThat(again.duplicate()).as("redelivered after a crash").isFalse();
        assertThat(second.duplicate()).as("a second request").isTrue();
        assertThat(movedOn).as("no claim when moved on, no cooldown off main")
                .isEqualTo(new SharedSlotState.ReviewChecks(false, null));
    }
}
